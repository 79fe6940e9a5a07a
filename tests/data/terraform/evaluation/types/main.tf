variable "queues" {
  type = map(object({
    create     = optional(bool, true)
    encryption = optional(object({
      kms          = optional(bool, true)
      key_rotation = optional(bool)
    }), {})
    retention = optional(number, 345600)
  }))
  default = {
    refunds    = {}
    settlement = { retention = "1209600" }
    legacy     = { create = false }
  }
}

variable "replicas" {
  type    = number
  default = "2"
}

variable "encrypted" {
  type    = bool
  default = "true"
}

variable "flag_count" {
  default = "1"
}

variable "unknown_count" {
  type = number
}

locals {
  created = { for name, queue in var.queues : name => queue if queue.create }
}

resource "aws_sqs_queue" "jobs" {
  for_each                  = local.created
  name                      = each.key
  sqs_managed_sse_enabled   = !each.value.encryption.kms
  kms_master_key_id         = each.value.encryption.kms ? "alias/jobs" : null
  message_retention_seconds = each.value.retention
}

resource "aws_ebs_volume" "data" {
  count             = var.replicas
  availability_zone = "eu-west-1a"
  encrypted         = var.encrypted
}

resource "aws_ebs_volume" "flagged" {
  count             = 1 - var.flag_count
  availability_zone = "eu-west-1a"
  encrypted         = false
}

resource "aws_ebs_volume" "flag_on" {
  count             = var.flag_count
  availability_zone = "eu-west-1a"
  encrypted         = true
}

resource "aws_ebs_volume" "undecided" {
  count             = var.unknown_count
  availability_zone = "eu-west-1a"
  encrypted         = true
}
