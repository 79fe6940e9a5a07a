provider "aws" {
  region = "eu-west-1"
}

variable "idle_session_timeout" {
  description = "Module-style input left at Session Manager's own default."
  type        = string
  default     = "20"
}

# The preferences document as jsonencode writes it, with no idle timeout: 20 minutes.
resource "aws_ssm_document" "session_preferences" {
  name            = "SSM-SessionManagerRunShell"
  document_type   = "Session"
  document_format = "JSON"
  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Session Manager preferences"
    sessionType   = "Standard_Stream"
    inputs = {
      kmsKeyId                    = "alias/payments-sessions"
      cloudWatchLogGroupName      = "/ssm/sessions"
      cloudWatchEncryptionEnabled = true
      maxSessionDuration          = "60"
    }
  })
}

# YAML written by hand: half an hour.
resource "aws_ssm_document" "operators_shell" {
  name            = "Payments-OperatorsShell"
  document_type   = "Session"
  document_format = "YAML"
  content         = <<-DOC
    schemaVersion: "1.0"
    description: Shell sessions for operators
    sessionType: Standard_Stream
    inputs:
      kmsKeyId: alias/payments-sessions
      idleSessionTimeout: "30"
  DOC
}

# yamlencode from a module-style variable left at 20.
resource "aws_ssm_document" "batch_shell" {
  name            = "Payments-BatchShell"
  document_type   = "Session"
  document_format = "YAML"
  content = yamlencode({
    schemaVersion = "1.0"
    description   = "Shell sessions for batch hosts"
    sessionType   = "Standard_Stream"
    inputs = {
      kmsKeyId           = "alias/payments-sessions"
      idleSessionTimeout = var.idle_session_timeout
    }
  })
}

# Port forwarding is not a shell session: not judged.
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

# A compliant neighbour: the fail folder is judged document by document.
resource "aws_ssm_document" "auditors_shell" {
  name          = "Payments-AuditorsShell"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Read-only sessions for auditors"
    sessionType   = "InteractiveCommands"
    inputs        = { idleSessionTimeout = "10" }
    properties    = { linux = { commands = "tail -f /var/log/app.log", runAsElevated = false } }
  })
}
