provider "aws" {
  region = "eu-west-1"
}

data "aws_region" "current" {}

# Default standards turned off, and only the tagging standard subscribed: it checks tags,
# not security controls.
resource "aws_securityhub_account" "main" {
  enable_default_standards  = false
  control_finding_generator = "SECURITY_CONTROL"
  auto_enable_controls      = true
}

resource "aws_securityhub_standards_subscription" "tagging" {
  standards_arn = "arn:aws:securityhub:${data.aws_region.current.name}::standards/aws-resource-tagging-standard/v/1.0.0"
  depends_on    = [aws_securityhub_account.main]
}
