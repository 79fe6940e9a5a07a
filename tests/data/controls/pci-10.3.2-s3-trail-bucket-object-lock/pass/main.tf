provider "aws" {
  region = "eu-west-1"
}

# object_lock_enabled is left at the configuration resource's default, Enabled.
resource "aws_s3_bucket" "trail" {
  bucket              = "pay-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "aws_s3_bucket" "org_trail" {
  bucket              = "pay-org-trail"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "org_trail" {
  bucket              = aws_s3_bucket.org_trail.bucket
  object_lock_enabled = "Enabled"
  rule {
    default_retention {
      mode  = "COMPLIANCE"
      years = 1
    }
  }
}

resource "aws_cloudtrail" "org" {
  name                  = "org"
  s3_bucket_name        = aws_s3_bucket.org_trail.bucket
  is_multi_region_trail = true
  is_organization_trail = true
}

# AWS provider v3: Object Lock and its default retention written inline.
resource "aws_s3_bucket" "legacy_trail" {
  bucket = "pay-legacy-trail"
  object_lock_configuration {
    object_lock_enabled = "Enabled"
    rule {
      default_retention {
        mode = "COMPLIANCE"
        days = 400
      }
    }
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
