variable "env" {
  type    = string
  default = "dev"
}

variable "versioning" {
  type    = string
  default = "Disabled"
}

variable "ports" {
  type    = list(number)
  default = [443, 8443]
}

locals {
  prefix = "pay-${var.env}"
  tags   = merge({ Service = "payments" }, { Env = var.env })
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Owner = "platform" }
  }
}

provider "aws" {
  alias  = "replica"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "${local.prefix}-logs-${count.index}"
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs[0].id
  versioning_configuration {
    status = var.versioning
  }
}

resource "aws_sqs_queue" "jobs" {
  for_each = toset(["settlement", "refunds"])
  name     = "${local.prefix}-${each.key}"
}

resource "aws_kms_key" "by_name" {
  for_each                = { a = 7, b = 30 }
  deletion_window_in_days = each.value
  enable_key_rotation     = each.key == "a" && true
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "${local.prefix}-replica"
}

resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

module "statements" {
  source         = "./modules/bucket"
  name           = "${local.prefix}-statements"
  classification = "cardholder"
}

module "regional" {
  source         = "./modules/bucket"
  count          = 2
  name           = "regional-${count.index}"
  classification = "internal"
}

module "keyed" {
  source         = "./modules/bucket"
  for_each       = { eu = "personal" }
  name           = "keyed-${each.key}"
  classification = each.value
  providers = {
    aws = aws.replica
  }
}

resource "aws_ssm_parameter" "statements_arn" {
  name  = "/statements/arn"
  type  = "String"
  value = module.statements.bucket_name
}
