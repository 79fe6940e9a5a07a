provider "aws" {
  region = "eu-west-1"
}

variable "group_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# Scoped actions, scoped resources, denials.

data "aws_iam_policy_document" "ops" {
  statement {
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}

resource "aws_iam_role_policy" "inline" {
  name = "inline"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect   = "Allow"
      Action   = ["s3:GetObject", "sqs:SendMessage"]
      Resource = "*"
    }
  })
}

resource "aws_iam_role" "batch" {
  name = "batch"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
    }]
  })
  inline_policy {
    name = "batch"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }]
    })
  }
}

resource "aws_iam_user_policy" "ec2_operator" {
  name   = "ec2-operator"
  user   = "operator"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances"],
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_iam_group_policy" "data_team" {
  name  = "data-team"
  group = "data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::reports/*"] },
      { Effect = "Allow", Action = ["s3:*"], Resource = ["arn:aws:s3:::scratch", "arn:aws:s3:::scratch/*"] },
    ]
  })
}

data "aws_iam_policy_document" "deployer" {
  statement {
    sid       = "Functions"
    actions   = ["lambda:UpdateFunctionCode", "lambda:GetFunction"]
    resources = ["arn:aws:lambda:eu-west-1:123456789012:function:payments-*"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "deployer"
  policy = data.aws_iam_policy_document.deployer.json
}

resource "aws_iam_policy" "power_user" {
  name = "power-user"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudwatch:GetMetricData", "logs:FilterLogEvents"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "deny_all" {
  name = "deny-all"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "mfa_required" {
  name = "mfa-required"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:ChangePassword", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

# Managed policies that do not grant everything or a whole service.

resource "aws_iam_role" "app" {
  name                = "app"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::123456789012:policy/app"]
}

resource "aws_iam_role" "plain" {
  name               = "plain"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy_attachment" "read_only" {
  role       = aws_iam_role.plain.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "s3_read" {
  role       = aws_iam_role.plain.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}

resource "aws_iam_user_policy_attachment" "view_only" {
  user       = "operator"
  policy_arn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
}

resource "aws_iam_group_policy_attachment" "read_only" {
  group      = "data"
  policy_arn = var.group_policy_arn
}

resource "aws_iam_policy_attachment" "custom" {
  name       = "support"
  users      = ["operator"]
  policy_arn = "arn:aws:iam::123456789012:policy/support"
}

resource "aws_iam_role_policy_attachments_exclusive" "batch" {
  role_name   = aws_iam_role.batch.name
  policy_arns = ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"]
}

resource "aws_ssoadmin_managed_policy_attachment" "read_only" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef"
  managed_policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_ssoadmin_permission_set_inline_policy" "support" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-abcdef1234567890"
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["support:*"], Resource = "arn:aws:support::123456789012:case/*" }]
  })
}

# A policy of the configuration attached by reference is judged on its own document, and a
# grant on a resource named by reference is a grant on that one resource.
resource "aws_iam_role" "task" {
  name               = "payments-task"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_policy" "pass_task_role" {
  name = "pass-task-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole", "s3:*"]
      Resource = [aws_iam_role.task.arn]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "by_reference" {
  role       = aws_iam_role.task.name
  policy_arn = aws_iam_policy.pass_task_role.arn
}
