provider "aws" {
  region = "eu-west-1"
}

variable "service" {
  type    = string
  default = "payments"
}

variable "secure" {
  description = "Module-style switch, left at a default that stores the value in clear."
  type        = bool
  default     = false
}

resource "aws_kms_key" "parameters" {
  description         = "Parameter Store secrets"
  enable_key_rotation = true
}

# A password stored as a plain String.
resource "aws_ssm_parameter" "db_password" {
  name  = "/${var.service}/db/password"
  type  = "String"
  value = "fake-password-for-tests"
}

# A SecureString under the AWS managed key: key_id left out.
resource "aws_ssm_parameter" "stripe_api_key" {
  name  = "/${var.service}/stripe/api-key"
  type  = "SecureString"
  value = "fake-stripe-key-for-tests"
}

# terraform-aws-modules style: the type chosen by a variable whose default is String.
resource "aws_ssm_parameter" "webhook_secret" {
  name   = "/${var.service}/webhook/signing-secret"
  type   = var.secure ? "SecureString" : "String"
  key_id = var.secure ? aws_kms_key.parameters.arn : null
  value  = "fake-webhook-secret-for-tests"
}

# Compliant neighbours: judged one by one.
resource "aws_ssm_parameter" "ledger_token" {
  name   = "/${var.service}/ledger/token"
  type   = "SecureString"
  key_id = aws_kms_key.parameters.arn
  value  = "fake-ledger-token-for-tests"
}

# Not named like a secret: configuration, not judged.
resource "aws_ssm_parameter" "db_host" {
  name  = "/${var.service}/db/host"
  type  = "String"
  value = "ledger.cluster-abc.eu-west-1.rds.amazonaws.com"
}

# Names a secret without holding it.
resource "aws_ssm_parameter" "db_secret_arn" {
  name  = "/${var.service}/db/secret_arn"
  type  = "String"
  value = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ledger-db-AbCdEf"
}
