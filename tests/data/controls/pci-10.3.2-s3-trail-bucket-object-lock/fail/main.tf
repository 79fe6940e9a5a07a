provider "aws" {
  region = "eu-west-1"
}

# Object Lock enabled on the bucket, but no default retention: CloudTrail's log files are
# written unlocked.
resource "aws_s3_bucket" "trail" {
  bucket              = "pay-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail" {
  bucket = aws_s3_bucket.trail.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

# GOVERNANCE mode: anyone allowed s3:BypassGovernanceRetention can delete the log files.
resource "aws_s3_bucket" "org_trail" {
  bucket              = "pay-org-trail"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "org_trail" {
  bucket = aws_s3_bucket.org_trail.bucket
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 365
    }
  }
}

resource "aws_cloudtrail" "org" {
  name                  = "org"
  s3_bucket_name        = aws_s3_bucket.org_trail.bucket
  is_multi_region_trail = true
  is_organization_trail = true
}

# AWS provider v3: Object Lock enabled inline, without a rule.
resource "aws_s3_bucket" "legacy_trail" {
  bucket = "pay-legacy-trail"
  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_cloudtrail" "legacy" {
  name           = "legacy"
  s3_bucket_name = "pay-legacy-trail"
}

# No trail delivers here: not judged.
resource "aws_s3_bucket" "data" {
  bucket = "pay-data"
}
