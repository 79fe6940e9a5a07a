provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

variable "enable_detector" {
  description = "Module-style switch, left at a default that turns detection off."
  type        = bool
  default     = false
}

resource "aws_guardduty_detector" "main" {
  enable                       = false
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

resource "aws_guardduty_detector" "frankfurt" {
  provider = aws.frankfurt
  enable   = var.enable_detector
}

# Not created at all (count = 0): nothing to judge.
resource "aws_guardduty_detector" "optional" {
  count  = 0
  enable = false
}
