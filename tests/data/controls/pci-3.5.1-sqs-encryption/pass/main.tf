provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_sqs_queue" "settlement" {
  name                    = "settlement"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = aws_kms_key.data.id
}

# terraform-aws-modules/sqs style: no key given, so SQS-managed encryption stays on.
variable "kms_master_key_id" {
  type    = string
  default = null
}

variable "sqs_managed_sse_enabled" {
  type    = bool
  default = true
}

resource "aws_sqs_queue" "this" {
  name                    = "refunds"
  kms_master_key_id       = var.kms_master_key_id
  sqs_managed_sse_enabled = var.kms_master_key_id != null ? null : var.sqs_managed_sse_enabled
}

# An empty key id leaves the SQS-managed default on.
resource "aws_sqs_queue" "payouts" {
  name              = "payouts"
  kms_master_key_id = ""
}
