provider "aws" {
  region = "eu-west-1"
}

variable "kms_key_id" {
  description = "Module-style input left at its default: no key."
  type        = string
  default     = null
}

variable "log_bucket" {
  type    = string
  default = ""
}

# The preferences document as jsonencode writes it: no key, and S3 logging unencrypted.
resource "aws_ssm_document" "session_preferences" {
  name            = "SSM-SessionManagerRunShell"
  document_type   = "Session"
  document_format = "JSON"
  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Session Manager preferences"
    sessionType   = "Standard_Stream"
    inputs = {
      s3BucketName        = "payments-session-logs"
      s3EncryptionEnabled = false
      runAsEnabled        = false
    }
  })
}

# YAML written by hand: an empty key, and CloudWatch Logs without encryption.
resource "aws_ssm_document" "operators_shell" {
  name            = "Payments-OperatorsShell"
  document_type   = "Session"
  document_format = "YAML"
  content         = <<-DOC
    schemaVersion: "1.0"
    description: Shell sessions for operators
    sessionType: Standard_Stream
    inputs:
      kmsKeyId: ""
      cloudWatchLogGroupName: /ssm/sessions/operators
      cloudWatchEncryptionEnabled: false
  DOC
}

# yamlencode from module-style variables whose defaults turn everything off.
resource "aws_ssm_document" "batch_shell" {
  name            = "Payments-BatchShell"
  document_type   = "Session"
  document_format = "YAML"
  content = yamlencode({
    schemaVersion = "1.0"
    description   = "Shell sessions for batch hosts"
    sessionType   = "Standard_Stream"
    inputs = {
      kmsKeyId            = var.kms_key_id
      s3BucketName        = var.log_bucket
      s3EncryptionEnabled = true
    }
  })
}

# Port forwarding carries no shell to log: not judged.
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

# Not a session document: not judged.
resource "aws_ssm_document" "patch" {
  name          = "Payments-Patch"
  document_type = "Command"
  content = jsonencode({
    schemaVersion = "2.2"
    description   = "Patch"
    mainSteps     = [{ action = "aws:runShellScript", name = "patch", inputs = { runCommand = ["yum -y update"] } }]
  })
}

# A compliant neighbour: the fail folder is judged document by document.
resource "aws_ssm_document" "auditors_shell" {
  name          = "Payments-AuditorsShell"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Read-only sessions for auditors"
    sessionType   = "InteractiveCommands"
    inputs = {
      kmsKeyId                    = "alias/payments-sessions"
      cloudWatchLogGroupName      = "/ssm/sessions/auditors"
      cloudWatchEncryptionEnabled = true
    }
    properties = { linux = { commands = "tail -f /var/log/app.log", runAsElevated = false } }
  })
}
