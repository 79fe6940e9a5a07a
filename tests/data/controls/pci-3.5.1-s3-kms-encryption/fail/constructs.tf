# Buckets of this provider carry the classification through its default tags.
provider "aws" {
  alias  = "cardholder"
  region = "eu-west-1"
  default_tags {
    tags = {
      DataClassification = "cardholder"
    }
  }
}

variable "bucket_kms_key_id" {
  type    = string
  default = ""
}

locals {
  personal = { DataClassification = "personal" }
}

resource "aws_kms_key" "data" {
  description         = "buckets"
  enable_key_rotation = true
}

# Left implicit: S3 encrypts new objects with S3-managed keys (SSE-S3).
resource "aws_s3_bucket" "implicit" {
  bucket = "pay-implicit"
  tags   = local.personal
}

# aws:kms without a key uses the AWS-managed key aws/s3, whose policy nobody controls.
resource "aws_s3_bucket" "aws_managed" {
  bucket = "pay-aws-managed"
  tags   = local.personal
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aws_managed" {
  bucket = aws_s3_bucket.aws_managed.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# The AWS-managed key named by its alias.
resource "aws_s3_bucket" "aws_managed_alias" {
  bucket = "pay-aws-managed-alias"
  tags   = local.personal
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aws_managed_alias" {
  bucket = aws_s3_bucket.aws_managed_alias.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/aws/s3"
    }
    bucket_key_enabled = true
  }
}

# The AWS-managed key named by its alias's ARN.
resource "aws_s3_bucket" "aws_managed_arn" {
  bucket = "pay-aws-managed-arn"
  tags   = local.personal
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aws_managed_arn" {
  bucket = aws_s3_bucket.aws_managed_arn.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"
    }
  }
}

# A key from a variable whose default is empty: the AWS-managed key again.
resource "aws_s3_bucket" "from_variable" {
  provider = aws.cardholder
  bucket   = "pay-from-variable"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "from_variable" {
  provider = aws.cardholder
  bucket   = aws_s3_bucket.from_variable.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.bucket_kms_key_id
    }
  }
}

# Buckets with for_each; only "fr" uses the customer-managed key.
resource "aws_s3_bucket" "market" {
  for_each = toset(["de", "fr"])
  bucket   = "pay-statements-${each.key}"
  tags     = local.personal
}

resource "aws_s3_bucket_server_side_encryption_configuration" "market" {
  for_each = { de = "AES256", fr = "aws:kms" }
  bucket   = aws_s3_bucket.market[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = each.value
      kms_master_key_id = each.value == "aws:kms" ? aws_kms_key.data.arn : null
    }
  }
}

# A module given SSE-S3 through its map input.
module "kyc" {
  source = "./modules/s3-bucket"
  bucket = "pay-kyc"
  tags   = local.personal
  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm = "AES256"
      }
    }
  }
}

# The server_side_encryption_configuration block inside aws_s3_bucket (deprecated since v4).
resource "aws_s3_bucket" "archive" {
  bucket = "pay-archive"
  tags   = local.personal

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

# Not classified: out of scope.
resource "aws_s3_bucket" "assets" {
  bucket = "pay-static-assets"
}
