resource "aws_sqs_queue" "dead_letter" {
  name              = "${local.name}-dead-letter"
  kms_master_key_id = aws_kms_key.data.id
}

resource "aws_sqs_queue" "jobs" {
  for_each                   = var.queues
  name                       = "${local.name}-${each.key}"
  visibility_timeout_seconds = each.value
  kms_master_key_id          = aws_kms_key.data.id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = 5
  })
  tags = { DataClassification = "personal" }
}

resource "aws_sns_topic" "payment_events" {
  name              = "${local.name}-payment-events"
  kms_master_key_id = aws_kms_key.data.id
}
