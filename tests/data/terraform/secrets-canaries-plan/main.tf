# The configuration of plan.json, for file and line. Every value in the plan is fake.

resource "aws_s3_bucket" "exports" {
  bucket = "canary-plan-exports"
  tags   = { DataClassification = "cardholder", Deploy = var.deploy }
}

resource "aws_ssm_parameter" "upstream" {
  name  = "/payments/upstream/endpoint"
  type  = "SecureString"
  value = var.upstream
}

resource "aws_db_instance" "ledger" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  password            = var.db_password
  storage_encrypted   = false
  tags                = { DataClassification = "cardholder", Rotation = var.deploy }
}

variable "deploy" {
  type      = string
  sensitive = true
}

variable "upstream" {
  type      = string
  sensitive = true
}

variable "db_password" {
  type      = string
  sensitive = true
}
