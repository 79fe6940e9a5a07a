resource "aws_sqs_queue" "jobs" {
  for_each                   = var.queues
  name                       = "${local.name}-${each.key}"
  visibility_timeout_seconds = each.value
  sqs_managed_sse_enabled    = each.key == "chargeback"
}

resource "aws_sqs_queue" "dead_letter" {
  name                    = "${local.name}-dead-letter"
  sqs_managed_sse_enabled = true
}

resource "aws_sns_topic" "payment_events" {
  name = "${local.name}-payment-events"
}

resource "aws_ssm_parameter" "smoke_test_card" {
  name  = "/${local.name}/smoke-test/card"
  type  = "String"
  value = "4111 1111 1111 1111"
}
