provider "aws" {
  region = "eu-west-1"
}

variable "deployer_actions" {
  type    = list(string)
  default = ["ec2:RunInstances", "iam:PassRole"]
}

data "aws_iam_policy_document" "launcher" {
  statement {
    actions   = var.deployer_actions
    resources = ["arn:aws:iam::123456789012:role/payments-instance", "arn:aws:ec2:*:123456789012:instance/*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "launcher" {
  name   = "launcher"
  policy = data.aws_iam_policy_document.launcher.json
}

resource "aws_iam_role_policy" "policy_versions" {
  name = "policy-versions"
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect   = "Allow"
      Action   = ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"]
      Resource = "arn:aws:iam::123456789012:policy/payments-app"
    }
  })
}

resource "aws_iam_user_policy" "attach" {
  name   = "attach"
  user   = "operator"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["iam:GetUserPolicy", "iam:ListAttachedUserPolicies"],
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_iam_group_policy" "keys" {
  name  = "keys"
  group = "support"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey", "iam:DeleteAccessKey"]
      Resource = ["arn:aws:iam::*:user/$${aws:username}"]
    }]
  })
}

resource "aws_iam_policy" "trust" {
  name = "trust"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "iam:UpdateAssumeRolePolicy", Resource = "*" }]
  })
}

resource "aws_iam_policy" "iam_all" {
  name = "iam-all"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "arn:aws:iam::123456789012:role/sandbox/*" }]
  })
}

resource "aws_iam_policy" "put_anything" {
  name = "put-anything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:Get*", "iam:List*", "iam:Detach*"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "all_but_iam" {
  name = "all-but-iam"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" }]
  })
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"
  inline_policy {
    name = "ci"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = "ecs:RunTask", Resource = "*" },
        { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/payments-task" },
      ]
    })
  }
}

resource "aws_iam_role" "identity_admin" {
  name                = "identity-admin"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"]
}

resource "aws_iam_role_policy_attachment" "iam_read" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}

resource "aws_iam_user_policy_attachment" "read_only" {
  user       = "operator"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_ssoadmin_managed_policy_attachment" "read_only" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef"
  managed_policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_ssoadmin_permission_set_inline_policy" "boundaries" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-abcdef1234567890"
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:GetRole", Resource = "*" }]
  })
}

resource "aws_iam_group_policy_attachments_exclusive" "support" {
  group_name  = "support"
  policy_arns = ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"]
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
