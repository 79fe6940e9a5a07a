provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "stockholm"
  region = "eu-north-1"
}

# Findings stay in GuardDuty, which keeps them for 90 days.
resource "aws_guardduty_detector" "main" {
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

# An export declared for a detector that is turned off.
resource "aws_guardduty_detector" "frankfurt" {
  provider = aws.frankfurt
  enable   = false
}

resource "aws_guardduty_publishing_destination" "frankfurt" {
  provider        = aws.frankfurt
  detector_id     = aws_guardduty_detector.frankfurt.id
  destination_arn = "arn:aws:s3:::payments-guardduty-findings"
  kms_key_arn     = "arn:aws:kms:eu-central-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
}

# The module's default: no export.
module "guardduty" {
  source = "./modules/guardduty"

  providers = {
    aws = aws.stockholm
  }
}
