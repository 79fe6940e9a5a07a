provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "stockholm"
  region = "eu-north-1"
}

resource "aws_s3_bucket" "findings" {
  bucket = "payments-guardduty-findings"
}

resource "aws_kms_key" "findings" {
  description         = "GuardDuty findings export"
  enable_key_rotation = true
}

resource "aws_guardduty_detector" "main" {
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

# destination_type left at its default, S3.
resource "aws_guardduty_publishing_destination" "findings" {
  detector_id     = aws_guardduty_detector.main.id
  destination_arn = aws_s3_bucket.findings.arn
  kms_key_arn     = aws_kms_key.findings.arn
}

module "guardduty" {
  source = "./modules/guardduty"

  providers = {
    aws = aws.stockholm
  }

  enable_findings_export = true
  findings_bucket_arn    = aws_s3_bucket.findings.arn
  findings_kms_key_arn   = aws_kms_key.findings.arn
}
