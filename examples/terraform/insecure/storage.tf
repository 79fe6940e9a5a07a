locals {
  data_buckets = {
    statements = { classification = "cardholder", archive_after_days = 365 }
    exports    = { classification = "personal", archive_after_days = 30 }
  }
}

module "data_bucket" {
  source   = "./modules/s3_bucket"
  for_each = local.data_buckets

  name               = "${local.name}-${each.key}"
  classification     = each.value.classification
  archive_after_days = each.value.archive_after_days
  access_logs        = { bucket = module.access_logs.bucket_id }
  read_accounts      = var.partner_account_ids
}

module "access_logs" {
  source             = "./modules/s3_bucket"
  name               = "${local.name}-access-logs"
  classification     = "internal"
  archive_after_days = 90
  versioning         = "Suspended"
  log_writer         = "logging.s3.amazonaws.com"
}

module "cloudtrail_logs" {
  source             = "./modules/s3_bucket"
  name               = "${local.name}-cloudtrail"
  classification     = "internal"
  archive_after_days = 90
  versioning         = "Suspended"
  sse_algorithm      = "aws:kms"
  kms_key_arn        = aws_kms_key.logs.arn
  log_writer         = "cloudtrail.amazonaws.com"
  enforce_tls        = true
}

module "statements_replica" {
  source    = "./modules/s3_bucket"
  providers = { aws = aws.replica }

  name               = "${local.name}-statements-replica"
  classification     = "cardholder"
  archive_after_days = 365
  sse_algorithm      = "aws:kms"
  kms_key_arn        = aws_kms_key.replica.arn
}

# Replication needs versioning on both buckets first.
resource "aws_s3_bucket_replication_configuration" "statements" {
  depends_on = [module.data_bucket, module.statements_replica]
  bucket     = module.data_bucket["statements"].bucket_id
  role       = aws_iam_role.replication.arn

  rule {
    id     = "statements-dr"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket        = module.statements_replica.bucket_arn
      storage_class = "STANDARD_IA"
    }
  }
}

resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = false
}
