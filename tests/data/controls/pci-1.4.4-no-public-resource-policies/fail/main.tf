provider "aws" {
  region = "eu-west-1"
}

variable "shared_bucket_acl" {
  type    = string
  default = "authenticated-read"
}

# Buckets: canned ACLs and grants, inline and as aws_s3_bucket_acl.

resource "aws_s3_bucket" "site" {
  bucket = "pay-site"
  acl    = "public-read"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "pay-uploads"
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  acl    = "public-read-write"
}

resource "aws_s3_bucket" "partners" {
  bucket = "pay-partners"
}

resource "aws_s3_bucket_acl" "partners" {
  bucket = aws_s3_bucket.partners.id
  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "READ"
    }
    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "pay-legacy"
  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ"]
  }
}

resource "aws_s3_bucket" "shared" {
  bucket = "pay-shared"
  acl    = var.shared_bucket_acl
}

resource "aws_s3_bucket" "private" {
  bucket = "pay-private"
}

# Bucket policies.

resource "aws_s3_bucket" "assets" {
  bucket = "pay-assets"
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.assets.arn}/*"
    }]
  })
}

data "aws_iam_policy_document" "cdn" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::pay-cdn/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "cdn" {
  bucket = "pay-cdn"
  policy = data.aws_iam_policy_document.cdn.json
}

resource "aws_s3_bucket_policy" "tls_only_allow" {
  bucket = "pay-exports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::pay-exports/*"
      # Requiring TLS says nothing about who calls.
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "log_delivery" {
  bucket = "pay-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::pay-logs/*"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}

# Queues and topics.

resource "aws_sqs_queue" "events" {
  name = "payment-events"
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.events.arn
    }]
  })
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["sqs:SendMessage", "sqs:ReceiveMessage"]
      Resource  = "*"
      Condition = { IpAddress = { "aws:SourceIp" = "0.0.0.0/0" } }
    }]
  })
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {"AWS": "*"},
          "Action": "sns:Publish",
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_sns_topic" "notices" {
  name = "notices"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::123456789012:root" }
      Action       = "sns:Subscribe"
      Resource     = "*"
    }]
  })
}

# Keys, repositories, secrets, vaults, functions.

resource "aws_kms_key" "shared" {
  description = "shared"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "data" {
  description = "data"
}

resource "aws_kms_key_policy" "data" {
  key_id = aws_kms_key.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Decrypt"
      Resource  = "*"
      # IfExists holds for callers that carry no organization at all.
      Condition = { StringEqualsIfExists = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}

resource "aws_ecr_repository_policy" "images" {
  repository = "payments-api"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Pull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["*"] }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}

resource "aws_glacier_vault" "archive" {
  name = "archive"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "glacier:InitiateJob"
      Resource  = "arn:aws:glacier:eu-west-1:123456789012:vaults/archive"
    }]
  })
}

resource "aws_lambda_permission" "public" {
  statement_id  = "AllowAnyone"
  action        = "lambda:InvokeFunction"
  function_name = "payments-webhook"
  principal     = "*"
}

variable "webhook_url_authorization_type" {
  description = "Module-style input (terraform-aws-modules/lambda defaults it to NONE)."
  type        = string
  default     = "NONE"
}

# A function URL anyone can call, and the permission the console adds beside it.
resource "aws_lambda_function_url" "webhook" {
  function_name      = "payments-webhook"
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "webhook_url" {
  statement_id           = "FunctionURLAllowPublicAccess"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "payments-webhook"
  principal              = "*"
  function_url_auth_type = "NONE"
}

# On an alias, its authorization type from the module's default.
resource "aws_lambda_function_url" "callbacks" {
  function_name      = "psp-callbacks"
  qualifier          = "live"
  authorization_type = var.webhook_url_authorization_type

  cors {
    allow_origins = ["https://checkout.example.com"]
    allow_methods = ["POST"]
  }
}

resource "aws_cloudwatch_event_bus" "payments" {
  name = "payments"
}

resource "aws_cloudwatch_event_bus_policy" "payments" {
  event_bus_name = aws_cloudwatch_event_bus.payments.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyonePutsEvents"
      Effect    = "Allow"
      Principal = "*"
      Action    = "events:PutEvents"
      Resource  = aws_cloudwatch_event_bus.payments.arn
    }]
  })
}

resource "aws_cloudwatch_event_permission" "everyone" {
  principal    = "*"
  statement_id = "Everyone"
}

resource "aws_cloudwatch_event_permission" "partner" {
  principal    = "210987654321"
  statement_id = "PartnerAccount"
}

resource "aws_ssm_document" "rotate_keys" {
  name          = "rotate-payment-keys"
  document_type = "Command"
  content = jsonencode({
    schemaVersion = "2.2"
    mainSteps     = [{ action = "aws:runShellScript", name = "rotate", inputs = { runCommand = ["rotate-keys"] } }]
  })

  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}

resource "aws_ssm_document" "patch" {
  name          = "patch-hosts"
  document_type = "Command"
  content = jsonencode({
    schemaVersion = "2.2"
    mainSteps     = [{ action = "aws:runShellScript", name = "patch", inputs = { runCommand = ["patch"] } }]
  })
}
