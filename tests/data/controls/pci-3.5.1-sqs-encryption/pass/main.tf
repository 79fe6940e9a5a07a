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
