locals {
  data_buckets = {
    statements = { classification = "cardholder", expiration_days = 2555 }
    exports    = { classification = "personal", expiration_days = 90 }
  }
}

module "data_bucket" {
  source   = "./modules/s3_bucket"
  for_each = local.data_buckets

  name            = "${local.name}-${each.key}"
  classification  = each.value.classification
  expiration_days = each.value.expiration_days
  kms_key_arn     = aws_kms_key.data.arn
  access_logs     = { bucket = module.access_logs.bucket_id }
}

module "access_logs" {
  source          = "./modules/s3_bucket"
  name            = "${local.name}-access-logs"
  classification  = "internal"
  expiration_days = 400
  sse_algorithm   = "AES256"
  log_writer      = "logging.s3.amazonaws.com"
}

# Load balancers write their access logs only to buckets encrypted with S3-managed keys.
module "lb_logs" {
  source          = "./modules/s3_bucket"
  name            = "${local.name}-lb-logs"
  classification  = "internal"
  expiration_days = 400
  sse_algorithm   = "AES256"
  access_logs     = { bucket = module.access_logs.bucket_id }
  log_writer      = "logdelivery.elasticloadbalancing.amazonaws.com"
}

module "cloudtrail_logs" {
  source           = "./modules/s3_bucket"
  name             = "${local.name}-cloudtrail"
  classification   = "internal"
  expiration_days  = 2555
  object_lock_days = 400
  kms_key_arn      = aws_kms_key.logs.arn
  access_logs      = { bucket = module.access_logs.bucket_id }
  log_writer       = "cloudtrail.amazonaws.com"
}

module "guardduty_findings" {
  source          = "./modules/s3_bucket"
  name            = "${local.name}-guardduty-findings"
  classification  = "internal"
  expiration_days = 2555
  kms_key_arn     = aws_kms_key.logs.arn
  access_logs     = { bucket = module.access_logs.bucket_id }
  log_writer      = "guardduty.amazonaws.com"
}

module "statements_replica" {
  source    = "./modules/s3_bucket"
  providers = { aws = aws.replica }

  name            = "${local.name}-statements-replica"
  classification  = "cardholder"
  expiration_days = 2555
  kms_key_arn     = aws_kms_key.replica.arn
  access_logs     = { bucket = module.replica_access_logs.bucket_id }
}

module "replica_access_logs" {
  source    = "./modules/s3_bucket"
  providers = { aws = aws.replica }

  name            = "${local.name}-access-logs-replica"
  classification  = "internal"
  expiration_days = 400
  sse_algorithm   = "AES256"
  log_writer      = "logging.s3.amazonaws.com"
}

# Replication needs versioning on both buckets first.
resource "aws_s3_bucket_replication_configuration" "statements" {
  depends_on = [module.data_bucket, module.statements_replica]
  bucket     = module.data_bucket["statements"].bucket_id
  role       = aws_iam_role.service["replication"].arn

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

resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
