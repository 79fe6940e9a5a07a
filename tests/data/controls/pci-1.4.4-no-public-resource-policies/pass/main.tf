provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

variable "shared_bucket_acl" {
  type    = string
  default = "private"
}

# Buckets: private ACLs and grants to named accounts only.

resource "aws_s3_bucket" "site" {
  bucket = "pay-site"
  acl    = "private"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "pay-uploads"
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  acl    = "log-delivery-write"
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
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }
    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "pay-legacy"
  grant {
    id          = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    type        = "CanonicalUser"
    permissions = ["FULL_CONTROL"]
  }
}

resource "aws_s3_bucket" "shared" {
  bucket = "pay-shared"
  acl    = var.shared_bucket_acl
}

# Bucket policies naming their principals, or restricted by a condition.

resource "aws_s3_bucket" "assets" {
  bucket = "pay-assets"
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountRead"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.assets.arn}/*"
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.assets.arn, "${aws_s3_bucket.assets.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

data "aws_iam_policy_document" "cdn" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::pay-cdn/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = ["arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE"]
    }
  }
}

resource "aws_s3_bucket_policy" "cdn" {
  bucket = "pay-cdn"
  policy = data.aws_iam_policy_document.cdn.json
}

resource "aws_s3_bucket_policy" "endpoint_only" {
  bucket = "pay-exports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::pay-exports/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b3c4d" } }
    }]
  })
}

# Queues and topics.

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_sqs_queue" "events" {
  name = "payment-events"
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.events.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.alerts.arn } }
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
      Condition = { IpAddress = { "aws:SourceIp" = ["10.0.0.0/8", "192.168.0.0/16"] } }
    }]
  })
}

resource "aws_sqs_queue" "plain" {
  name = "plain"
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "__default_statement_ID",
          "Effect": "Allow",
          "Principal": {"AWS": "*"},
          "Action": ["SNS:Publish", "SNS:Subscribe"],
          "Resource": "*",
          "Condition": {"StringEquals": {"AWS:SourceOwner": "123456789012"}}
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
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "*"
    }]
  })
}

# Keys, repositories, secrets, vaults, functions.

resource "aws_kms_key" "shared" {
  description = "shared"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "ViaSecretsManager"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:DescribeKey"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = "123456789012"
            "kms:ViaService"    = "secretsmanager.eu-west-1.amazonaws.com"
          }
        }
      },
    ]
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
      Condition = { "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = ["o-abc123/r-ab12/ou-ab12-11111111/*"] } }
    }]
  })
}

resource "aws_ecr_repository_policy" "images" {
  repository = "payments-api"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PullInOrganization"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::123456789012:role/payments-api"] }
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
      Condition = { StringEquals = { "aws:PrincipalAccount" = ["123456789012"] } }
    }]
  })
}

resource "aws_glacier_vault" "plain" {
  name = "plain"
}

resource "aws_lambda_permission" "from_organization" {
  statement_id     = "AllowOrganization"
  action           = "lambda:InvokeFunction"
  function_name    = "payments-webhook"
  principal        = "*"
  principal_org_id = "o-abc123"
}

resource "aws_lambda_permission" "from_bucket" {
  statement_id  = "AllowBucket"
  action        = "lambda:InvokeFunction"
  function_name = "payments-ingest"
  principal     = "s3.amazonaws.com"
  source_arn    = aws_s3_bucket.uploads.arn
}

variable "webhook_url_authorization_type" {
  type    = string
  default = "AWS_IAM"
}

# Callers sign their requests; IAM decides who may invoke.
resource "aws_lambda_function_url" "webhook" {
  function_name      = "payments-webhook"
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_function_url" "callbacks" {
  function_name      = "psp-callbacks"
  qualifier          = "live"
  authorization_type = var.webhook_url_authorization_type
  invoke_mode        = "RESPONSE_STREAM"
}

resource "aws_cloudwatch_event_bus" "payments" {
  name = "payments"
}

resource "aws_cloudwatch_event_bus_policy" "payments" {
  event_bus_name = aws_cloudwatch_event_bus.payments.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrganizationPutsEvents"
      Effect    = "Allow"
      Principal = "*"
      Action    = "events:PutEvents"
      Resource  = aws_cloudwatch_event_bus.payments.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_cloudwatch_event_permission" "everyone" {
  principal    = "*"
  statement_id = "OrganizationAccounts"

  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = "o-a1b2c3d4e5"
  }
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
    account_ids = "111122223333,444455556666"
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
