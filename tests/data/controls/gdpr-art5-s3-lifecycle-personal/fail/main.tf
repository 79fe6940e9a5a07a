provider "aws" {
  region = "eu-west-1"
}

# Buckets of the kyc provider carry the classification through the provider's default tags.
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

# Lifecycle configuration as its own resource (AWS provider v4+), transitions only.
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
  }
}

# No lifecycle configuration at all.
resource "aws_s3_bucket" "exports" {
  bucket = "pay-exports"
  tags = {
    DataClassification = "cardholder"
  }
}

# The expiring rule is disabled.
resource "aws_s3_bucket" "disabled" {
  bucket = "pay-disabled"
  tags   = local.personal_tags
}

resource "aws_s3_bucket_lifecycle_configuration" "disabled" {
  bucket = aws_s3_bucket.disabled.id
  rule {
    id     = "retention"
    status = "Disabled"
    filter {}
    expiration {
      days = var.retention_days
    }
  }
}

# expired_object_delete_marker only removes delete markers; current objects never expire.
resource "aws_s3_bucket" "markers" {
  bucket = "pay-markers"
  tags   = local.personal_tags
}

resource "aws_s3_bucket_lifecycle_configuration" "markers" {
  bucket = aws_s3_bucket.markers.id
  rule {
    id     = "cleanup"
    status = "Enabled"
    filter {}
    expiration {
      expired_object_delete_marker = true
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

# Tagged through the provider's default_tags; rules through a dynamic block, none expiring.
resource "aws_s3_bucket" "kyc_uploads" {
  provider = aws.kyc
  bucket   = "pay-kyc-uploads"
}

resource "aws_s3_bucket_lifecycle_configuration" "kyc_uploads" {
  provider = aws.kyc
  bucket   = aws_s3_bucket.kyc_uploads.id
  dynamic "rule" {
    for_each = { archive = 90, deep = 365 }
    content {
      id     = rule.key
      status = "Enabled"
      filter {}
      transition {
        days          = rule.value
        storage_class = "GLACIER"
      }
    }
  }
}

# One bucket per market with for_each; only "fr" expires its objects.
resource "aws_s3_bucket" "market" {
  for_each = toset(["de", "fr"])
  bucket   = "pay-statements-${each.key}"
  tags     = local.personal_tags
}

resource "aws_s3_bucket_lifecycle_configuration" "market" {
  for_each = { fr = aws_s3_bucket.market["fr"].id }
  bucket   = each.value
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    expiration {
      days = var.retention_days
    }
  }
}

# Not personal data: out of scope.
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
    noncurrent_version_expiration {
      days = 90
    }
  }
}

resource "aws_s3_bucket" "kyc_disabled" {
  bucket = "pay-kyc-archive"
  tags = {
    DataClassification = "personal"
  }

  lifecycle_rule {
    id      = "retention"
    enabled = false
    expiration {
      days = 2555
    }
  }
}

resource "aws_s3_bucket" "kyc_markers" {
  bucket = "pay-kyc-markers"
  tags = {
    DataClassification = "personal"
  }

  lifecycle_rule {
    id      = "cleanup"
    enabled = true
    expiration {
      expired_object_delete_marker = true
    }
  }
}
