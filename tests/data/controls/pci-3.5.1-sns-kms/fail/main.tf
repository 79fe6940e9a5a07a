provider "aws" {
  region = "eu-west-1"
}

variable "topic_kms_key_id" {
  type    = string
  default = ""
}

resource "aws_kms_key" "sns" {
  description         = "sns"
  enable_key_rotation = true
}

# Left implicit: SNS stores messages unencrypted.
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

# An empty string, the usual module default, sets no key.
resource "aws_sns_topic" "from_variable" {
  name              = "refunds"
  kms_master_key_id = var.topic_kms_key_id
}

resource "aws_sns_topic" "event" {
  for_each          = { payments = aws_kms_key.sns.id, marketing = null }
  name              = each.key
  kms_master_key_id = each.value
}

module "settlements" {
  source     = "./modules/sns"
  name       = "settlements"
  fifo_topic = true
}
