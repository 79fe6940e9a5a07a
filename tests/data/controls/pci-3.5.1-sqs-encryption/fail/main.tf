provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false
}

# An empty key id sets no key: with SQS-managed encryption off, nothing encrypts the queue.
resource "aws_sqs_queue" "settlement" {
  name                    = "settlement"
  kms_master_key_id       = ""
  sqs_managed_sse_enabled = false
}
