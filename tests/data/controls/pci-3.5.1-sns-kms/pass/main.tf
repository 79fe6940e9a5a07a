provider "aws" {
  region = "eu-west-1"
}

variable "topic_kms_key_id" {
  type    = string
  default = "alias/payments-sns"
}

resource "aws_kms_key" "sns" {
  description         = "sns"
  enable_key_rotation = true
}

# The AWS-managed key for SNS encrypts messages at rest too.
resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "from_variable" {
  name              = "refunds"
  kms_master_key_id = var.topic_kms_key_id
}

resource "aws_sns_topic" "event" {
  for_each          = toset(["payments", "marketing"])
  name              = each.key
  kms_master_key_id = aws_kms_key.sns.id
}

module "settlements" {
  source            = "./modules/sns"
  name              = "settlements"
  fifo_topic        = true
  kms_master_key_id = aws_kms_key.sns.arn
}
