provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "paris"
  region = "eu-west-3"
}

variable "enable_detector" {
  description = "Module-style switch, defaulting to detection on."
  type        = bool
  default     = true
}

resource "aws_guardduty_detector" "main" {
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

resource "aws_guardduty_detector" "frankfurt" {
  provider = aws.frankfurt
  enable   = var.enable_detector
}

# enable left at its default (true).
resource "aws_guardduty_detector" "default" {
  provider = aws.paris
}
