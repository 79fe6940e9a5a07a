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

variable "is_multi_region_trail" {
  type    = bool
  default = true
}

variable "include_global_service_events" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "default" {
  count                         = var.enabled ? 1 : 0
  name                          = var.name
  s3_bucket_name                = var.s3_bucket_name
  is_multi_region_trail         = var.is_multi_region_trail
  include_global_service_events = var.include_global_service_events
}
