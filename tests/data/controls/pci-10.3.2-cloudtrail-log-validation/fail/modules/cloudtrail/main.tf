# The shape of cloudposse/terraform-aws-cloudtrail: created with count, settings from inputs.
variable "enabled" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "s3_bucket_name" {
  type = string
}

variable "enable_log_file_validation" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "default" {
  count                      = var.enabled ? 1 : 0
  name                       = var.name
  s3_bucket_name             = var.s3_bucket_name
  is_multi_region_trail      = true
  enable_log_file_validation = var.enable_log_file_validation
}
