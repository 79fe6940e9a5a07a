locals {
  # Service roles and the only actions each one needs.
  service_roles = {
    cloudtrail = {
      service   = "cloudtrail.amazonaws.com"
      actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources = ["${aws_cloudwatch_log_group.this["cloudtrail"].arn}:*"]
    }
    flow_logs = {
      service   = "vpc-flow-logs.amazonaws.com"
      actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
      resources = ["${aws_cloudwatch_log_group.this["flow"].arn}:*"]
    }
    replication = {
      service   = "s3.amazonaws.com"
      actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket", "s3:GetObjectVersionForReplication", "s3:ReplicateObject", "s3:ReplicateDelete", "kms:Decrypt", "kms:Encrypt"]
      resources = [module.data_bucket["statements"].bucket_arn, "${module.data_bucket["statements"].bucket_arn}/*", "${module.statements_replica.bucket_arn}/*", aws_kms_key.data.arn, aws_kms_key.replica.arn]
    }
    bastion = {
      service   = "ec2.amazonaws.com"
      actions   = ["secretsmanager:GetSecretValue", "kms:Decrypt"]
      resources = [aws_secretsmanager_secret.db_password.arn, aws_kms_key.data.arn]
    }
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = toset(["ecs-tasks.amazonaws.com", "cloudtrail.amazonaws.com", "vpc-flow-logs.amazonaws.com", "s3.amazonaws.com", "ec2.amazonaws.com"])
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [each.value]
    }
  }
}

resource "aws_iam_role" "service" {
  for_each           = local.service_roles
  name               = "${local.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume[each.value.service].json
}

resource "aws_iam_role_policy" "service" {
  for_each = local.service_roles
  name     = each.key
  role     = aws_iam_role.service[each.key].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = each.value.actions, Resource = each.value.resources }]
  })
}

resource "aws_iam_instance_profile" "bastion" {
  name = "${local.name}-bastion"
  role = aws_iam_role.service["bastion"].name
}

resource "aws_iam_role" "task_execution" {
  name               = "${local.name}-task-execution"
  assume_role_policy = data.aws_iam_policy_document.assume["ecs-tasks.amazonaws.com"].json
}

resource "aws_iam_role_policy_attachment" "task_execution" {
  role       = aws_iam_role.task_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "task_execution_secrets" {
  name = "read-db-secret"
  role = aws_iam_role.task_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = aws_secretsmanager_secret.db_password.arn },
      { Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.data.arn },
    ]
  })
}

resource "aws_iam_role" "api_task" {
  name               = "${local.name}-api-task"
  assume_role_policy = data.aws_iam_policy_document.assume["ecs-tasks.amazonaws.com"].json
}

resource "aws_iam_role_policy" "api_task" {
  name = "payments-api"
  role = aws_iam_role.api_task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource = [for q in aws_sqs_queue.jobs : q.arn] },
      { Effect = "Allow", Action = ["s3:PutObject", "s3:GetObject"], Resource = "${module.data_bucket["statements"].bucket_arn}/*" },
      { Effect = "Allow", Action = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], Resource = aws_dynamodb_table.idempotency.arn },
      { Effect = "Allow", Action = "sns:Publish", Resource = aws_sns_topic.payment_events.arn },
      { Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = aws_kms_key.data.arn },
    ]
  })
}

resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  password_reuse_prevention      = 4
  max_password_age               = 90
}
