provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "kyc"
  region = "eu-west-1"
  default_tags {
    tags = {
      DataClassification = "personal"
    }
  }
}

variable "retention_days" {
  type    = number
  default = 2555
}

locals {
  personal_tags = {
    DataClassification = "personal"
    Owner              = "payments"
  }
}

# Lifecycle configuration as its own resource (AWS provider v4+).
resource "aws_s3_bucket" "data" {
  bucket = "pay-data"
  tags   = local.personal_tags
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    transition {
      days          = 30
      storage_class = "GLACIER"
    }
    expiration {
      days = var.retention_days
    }
  }
}

# Expiry on a fixed date.
resource "aws_s3_bucket" "exports" {
  bucket = "pay-exports"
  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "exports" {
  bucket = aws_s3_bucket.exports.bucket
  rule {
    id     = "campaign"
    status = "Enabled"
    filter {}
    expiration {
      date = "2027-01-01T00:00:00Z"
    }
  }
}

# One disabled rule and one enabled rule that expires objects.
resource "aws_s3_bucket" "disabled" {
  bucket = "pay-disabled"
  tags   = local.personal_tags
}

resource "aws_s3_bucket_lifecycle_configuration" "disabled" {
  bucket = aws_s3_bucket.disabled.id
  rule {
    id     = "old"
    status = "Disabled"
    filter {}
    expiration {
      days = 30
    }
  }
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    expiration {
      days = var.retention_days
    }
  }
}

resource "aws_s3_bucket" "markers" {
  bucket = "pay-markers"
  tags   = local.personal_tags
}

resource "aws_s3_bucket_lifecycle_configuration" "markers" {
  bucket = aws_s3_bucket.markers.id
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    expiration {
      days = 365
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

resource "aws_s3_bucket" "kyc_uploads" {
  provider = aws.kyc
  bucket   = "pay-kyc-uploads"
}

resource "aws_s3_bucket_lifecycle_configuration" "kyc_uploads" {
  provider = aws.kyc
  bucket   = aws_s3_bucket.kyc_uploads.id
  dynamic "rule" {
    for_each = { archive = 90, retention = 730 }
    content {
      id     = rule.key
      status = "Enabled"
      filter {}
      expiration {
        days = rule.value
      }
    }
  }
}

resource "aws_s3_bucket" "market" {
  for_each = toset(["de", "fr"])
  bucket   = "pay-statements-${each.key}"
  tags     = local.personal_tags
}

resource "aws_s3_bucket_lifecycle_configuration" "market" {
  for_each = aws_s3_bucket.market
  bucket   = each.value.id
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    expiration {
      days = var.retention_days
    }
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "pay-static-assets"
  tags = {
    DataClassification = "public"
  }
}

# The lifecycle_rule block inside aws_s3_bucket (deprecated since provider v4)
resource "aws_s3_bucket" "kyc" {
  bucket = "pay-kyc-documents"
  tags = {
    DataClassification = "personal"
  }

  lifecycle_rule {
    id      = "retention"
    enabled = true
    expiration {
      days = 2555
    }
  }
}
