provider "aws" {
  region = "eu-west-1"
}

data "aws_partition" "current" {}

variable "deployer_actions" {
  type    = list(string)
  default = ["ec2:RunInstances", "iam:PassRole"]
}

data "aws_iam_policy_document" "launcher" {
  statement {
    actions   = var.deployer_actions
    resources = ["*"]
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
      Resource = "*"
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
          "Action": ["iam:AttachUserPolicy", "iam:PutUserPolicy"],
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
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:CreateAccessKey", Resource = ["*"] }]
  })
}

resource "aws_iam_policy" "trust" {
  name = "trust"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:UpdateAssumeRolePolicy", Resource = "*" }]
  })
}

resource "aws_iam_policy" "iam_all" {
  name = "iam-all"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "put_anything" {
  name = "put-anything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:Get*", "iam:Put*"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "lower_case" {
  name = "lower-case"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:attachrolepolicy", Resource = "*" }]
  })
}

resource "aws_iam_policy" "all_but_s3" {
  name = "all-but-s3"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = "s3:*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "named_role" {
  name = "named-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::123456789012:role/payments-task"
    }]
  })
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"
  inline_policy {
    name = "ci"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["ecs:RunTask", "iam:PassRole"], Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "identity_admin" {
  name                = "identity-admin"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/IAMFullAccess"]
}

resource "aws_iam_role_policy_attachment" "iam_full" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_user_policy_attachment" "admin" {
  user       = "operator"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group_policy_attachment" "read_only" {
  group      = "support"
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}

resource "aws_ssoadmin_managed_policy_attachment" "iam_full" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef"
  managed_policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_ssoadmin_permission_set_inline_policy" "boundaries" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-abcdef1234567890"
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:DeleteRolePermissionsBoundary", Resource = "*" }]
  })
}

resource "aws_iam_group_policy_attachments_exclusive" "support" {
  group_name  = "support"
  policy_arns = ["arn:aws:iam::aws:policy/IAMReadOnlyAccess", "arn:aws:iam::aws:policy/IAMFullAccess"]
}
