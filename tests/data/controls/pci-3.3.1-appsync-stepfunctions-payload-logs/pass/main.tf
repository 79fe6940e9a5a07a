provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_role" "appsync_logs" {
  name = "appsync-cloudwatch-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "appsync.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "appsync_logs" {
  role       = aws_iam_role.appsync_logs.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs"
}

resource "aws_cloudwatch_log_group" "sfn" {
  name              = "/aws/vendedlogs/states/payments"
  retention_in_days = 400
}

locals {
  definition = jsonencode({
    StartAt = "Authorize"
    States = {
      Authorize = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Parameters = {
          FunctionName = "arn:aws:lambda:eu-west-1:123456789012:function:authorize"
          "Payload.$"  = "$"
        }
        End = true
      }
    }
  })
}

resource "aws_appsync_graphql_api" "checkout" {
  name                = "checkout"
  authentication_type = "AMAZON_COGNITO_USER_POOLS"

  user_pool_config {
    aws_region     = "eu-west-1"
    default_action = "ALLOW"
    user_pool_id   = "eu-west-1_AbCdEfGhI"
  }

  log_config {
    cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn
    field_log_level          = "ALL"
    exclude_verbose_content  = true
  }
}

# No log_config: nothing is written (pci-10.2.1-appsync-stepfunctions-logging judges that).
resource "aws_appsync_graphql_api" "internal" {
  name                = "internal"
  authentication_type = "AWS_IAM"
}

resource "aws_sfn_state_machine" "settlement" {
  name       = "settlement"
  role_arn   = "arn:aws:iam::123456789012:role/sfn-execution"
  definition = local.definition

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.sfn.arn}:*"
    include_execution_data = false
    level                  = "ALL"
  }
}

# include_execution_data left out: execution data is not logged unless set.
resource "aws_sfn_state_machine" "authorize" {
  name       = "authorize"
  role_arn   = "arn:aws:iam::123456789012:role/sfn-execution"
  definition = local.definition
  type       = "EXPRESS"

  logging_configuration {
    log_destination = "${aws_cloudwatch_log_group.sfn.arn}:*"
    level           = "ALL"
  }
}

# Logging switched off, the flag left behind: with level OFF nothing is written.
resource "aws_sfn_state_machine" "refunds" {
  name       = "refunds"
  role_arn   = "arn:aws:iam::123456789012:role/sfn-execution"
  definition = local.definition

  logging_configuration {
    include_execution_data = true
    level                  = "OFF"
  }
}

# The module's default: no logging_configuration block.
module "payouts" {
  source     = "./modules/step-function"
  name       = "payouts"
  definition = local.definition
}
