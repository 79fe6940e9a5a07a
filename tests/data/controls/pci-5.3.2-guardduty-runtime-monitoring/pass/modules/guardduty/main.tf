# A GuardDuty module in the style of the community modules: a detector and one
# aws_guardduty_detector_feature per protection plan, each switched by a variable.
variable "enable" {
  type    = bool
  default = true
}

variable "features" {
  description = "Protection plans by feature name: true for ENABLED."
  type        = map(bool)
  default = {
    S3_DATA_EVENTS         = true
    EBS_MALWARE_PROTECTION = false
    RUNTIME_MONITORING     = false
  }
}

resource "aws_guardduty_detector" "this" {
  enable                       = var.enable
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

resource "aws_guardduty_detector_feature" "this" {
  for_each = var.features

  detector_id = aws_guardduty_detector.this.id
  name        = each.key
  status      = each.value ? "ENABLED" : "DISABLED"
}
