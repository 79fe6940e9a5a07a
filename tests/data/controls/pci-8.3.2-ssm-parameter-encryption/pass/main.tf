provider "aws" {
  region = "eu-west-1"
}

variable "service" {
  type    = string
  default = "payments"
}

variable "secure" {
  description = "Module-style switch, defaulting to SecureString."
  type        = bool
  default     = true
}

resource "aws_kms_key" "parameters" {
  description         = "Parameter Store secrets"
  enable_key_rotation = true
}

resource "aws_kms_alias" "parameters" {
  name          = "alias/${var.service}-parameters"
  target_key_id = aws_kms_key.parameters.key_id
}

resource "aws_ssm_parameter" "db_password" {
  name   = "/${var.service}/db/password"
  type   = "SecureString"
  key_id = aws_kms_key.parameters.arn
  value  = "fake-password-for-tests"
}

# The key named through its alias.
resource "aws_ssm_parameter" "stripe_api_key" {
  name   = "/${var.service}/stripe/api-key"
  type   = "SecureString"
  key_id = aws_kms_alias.parameters.name
  value  = "fake-stripe-key-for-tests"
}

resource "aws_ssm_parameter" "webhook_secret" {
  name   = "/${var.service}/webhook/signing-secret"
  type   = var.secure ? "SecureString" : "String"
  key_id = var.secure ? aws_kms_key.parameters.arn : null
  value  = "fake-webhook-secret-for-tests"
}

# A key managed elsewhere, named by its ARN.
resource "aws_ssm_parameter" "ledger_token" {
  name   = "/${var.service}/ledger/token"
  type   = "SecureString"
  key_id = "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
  value  = "fake-ledger-token-for-tests"
}

resource "aws_ssm_parameter" "db_host" {
  name  = "/${var.service}/db/host"
  type  = "String"
  value = "ledger.cluster-abc.eu-west-1.rds.amazonaws.com"
}
