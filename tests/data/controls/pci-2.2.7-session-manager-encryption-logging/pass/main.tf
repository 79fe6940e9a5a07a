provider "aws" {
  region = "eu-west-1"
}

variable "log_bucket" {
  type    = string
  default = "payments-session-logs"
}

resource "aws_kms_key" "sessions" {
  description         = "Session Manager session data and logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "operators" {
  name       = "/ssm/sessions/operators"
  kms_key_id = aws_kms_key.sessions.arn
}

resource "aws_ssm_document" "session_preferences" {
  name            = "SSM-SessionManagerRunShell"
  document_type   = "Session"
  document_format = "JSON"
  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Session Manager preferences"
    sessionType   = "Standard_Stream"
    inputs = {
      kmsKeyId            = aws_kms_key.sessions.arn
      s3BucketName        = "payments-session-logs"
      s3EncryptionEnabled = true
      runAsEnabled        = false
    }
  })
}

# YAML by hand, with the key's ARN interpolated (known only after apply).
resource "aws_ssm_document" "operators_shell" {
  name            = "Payments-OperatorsShell"
  document_type   = "Session"
  document_format = "YAML"
  content         = <<-DOC
    schemaVersion: "1.0"
    description: Shell sessions for operators
    sessionType: Standard_Stream
    inputs:
      kmsKeyId: "${aws_kms_key.sessions.arn}"
      cloudWatchLogGroupName: ${aws_cloudwatch_log_group.operators.name}
      cloudWatchEncryptionEnabled: true
  DOC
}

# yamlencode of known values: Terraform writes YAML text with quoted keys.
resource "aws_ssm_document" "batch_shell" {
  name            = "Payments-BatchShell"
  document_type   = "Session"
  document_format = "YAML"
  content = yamlencode({
    schemaVersion = "1.0"
    description   = "Shell sessions for batch hosts"
    sessionType   = "Standard_Stream"
    inputs = {
      kmsKeyId            = "alias/payments-sessions"
      s3BucketName        = var.log_bucket
      s3EncryptionEnabled = true
    }
  })
}

resource "aws_ssm_document" "db_tunnel" {
  name          = "Payments-DatabaseTunnel"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Port forwarding to the ledger database"
    sessionType   = "Port"
    properties    = { portNumber = "5432" }
  })
}

resource "aws_ssm_document" "auditors_shell" {
  name          = "Payments-AuditorsShell"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Read-only sessions for auditors"
    sessionType   = "InteractiveCommands"
    inputs = {
      kmsKeyId                    = aws_kms_key.sessions.key_id
      cloudWatchLogGroupName      = aws_cloudwatch_log_group.operators.name
      cloudWatchEncryptionEnabled = true
    }
    properties = { linux = { commands = "tail -f /var/log/app.log", runAsElevated = false } }
  })
}
