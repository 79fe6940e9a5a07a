locals {
  data_buckets = {
    statements = { classification = "cardholder", retention_days = 2555 }
    exports    = { classification = "personal", retention_days = 90 }
  }
}

module "data_bucket" {
  source   = "./modules/statements_bucket"
  for_each = local.data_buckets

  name           = "${local.name}-${each.key}"
  classification = each.value.classification
  retention_days = each.value.retention_days
  kms_key_arn    = aws_kms_key.data.arn
  log_bucket     = aws_s3_bucket.access_logs.id
}

module "statements_replica" {
  source = "./modules/statements_bucket"
  providers = {
    aws = aws.replica
  }

  name           = "${local.name}-statements-replica"
  classification = "cardholder"
  retention_days = 2555
  kms_key_arn    = aws_kms_key.replica.arn
  log_bucket     = aws_s3_bucket.access_logs_replica.id
}

resource "aws_s3_bucket_replication_configuration" "statements" {
  bucket = module.data_bucket["statements"].bucket_id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "statements-dr"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }
    destination {
      bucket        = module.statements_replica.bucket_arn
      storage_class = "STANDARD_IA"
      encryption_configuration {
        replica_kms_key_id = aws_kms_key.replica.arn
      }
    }
  }
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "${local.name}-access-logs"
  tags = {
    DataClassification = "internal"
  }
}

resource "aws_s3_bucket" "access_logs_replica" {
  provider = aws.replica
  bucket   = "${local.name}-access-logs-replica"
  tags = {
    DataClassification = "internal"
  }
}

resource "aws_s3_bucket" "trail" {
  bucket = "${local.name}-cloudtrail"
  tags = {
    DataClassification = "internal"
  }
}

resource "aws_s3_bucket_versioning" "internal" {
  for_each = {
    access_logs = aws_s3_bucket.access_logs.id
    trail       = aws_s3_bucket.trail.id
  }
  bucket = each.value
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "access_logs_replica" {
  provider = aws.replica
  bucket   = aws_s3_bucket.access_logs_replica.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "internal" {
  for_each = {
    access_logs = aws_s3_bucket.access_logs.id
    trail       = aws_s3_bucket.trail.id
  }
  bucket                  = each.value
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "access_logs_replica" {
  provider                = aws.replica
  bucket                  = aws_s3_bucket.access_logs_replica.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}
