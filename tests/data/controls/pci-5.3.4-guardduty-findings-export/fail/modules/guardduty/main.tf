# A GuardDuty module in the style of the community modules: a detector, and optionally the
# export of its findings to an S3 bucket under a KMS key.
variable "enable_findings_export" {
  type    = bool
  default = false
}

variable "findings_bucket_arn" {
  type    = string
  default = null
}

variable "findings_kms_key_arn" {
  type    = string
  default = null
}

resource "aws_guardduty_detector" "this" {
  enable = true
}

resource "aws_guardduty_publishing_destination" "this" {
  count = var.enable_findings_export ? 1 : 0

  detector_id     = aws_guardduty_detector.this.id
  destination_arn = var.findings_bucket_arn
  kms_key_arn     = var.findings_kms_key_arn
}
