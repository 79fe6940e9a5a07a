provider "aws" {
  region = "eu-west-1"
}

variable "idle_session_timeout" {
  type    = number
  default = 15
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
      kmsKeyId                    = "alias/payments-sessions"
      cloudWatchLogGroupName      = "/ssm/sessions"
      cloudWatchEncryptionEnabled = true
      idleSessionTimeout          = "15"
      maxSessionDuration          = "60"
    }
  })
}

# YAML by hand.
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
      idleSessionTimeout: 10 # minutes
  DOC
}

# yamlencode of a number: Terraform writes the key quoted and the number bare.
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

# JSON written out in a heredoc rather than with jsonencode.
resource "aws_ssm_document" "auditors_shell" {
  name          = "Payments-AuditorsShell"
  document_type = "Session"
  content       = <<-JSON
    {
      "schemaVersion": "1.0",
      "description": "Read-only sessions for auditors",
      "sessionType": "InteractiveCommands",
      "inputs": {"idleSessionTimeout": "5"},
      "properties": {"linux": {"commands": "tail -f /var/log/app.log", "runAsElevated": false}}
    }
  JSON
}
