provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_group" "settlement" {
  name = "settlement"
}

resource "aws_iam_role" "reporting" {
  name = "reporting"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithSAML"
      Principal = { Federated = "arn:aws:iam::123456789012:saml-provider/corporate" }
    }]
  })
}

resource "aws_iam_policy" "read_settlements" {
  name = "read-settlements"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:aws:s3:::settlement-files/*"
    }]
  })
}

resource "aws_iam_group_policy" "reports" {
  name  = "reports"
  group = aws_iam_group.settlement.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["athena:StartQueryExecution"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_user_group_membership" "analyst" {
  user   = aws_iam_user.analyst.name
  groups = [aws_iam_group.settlement.name]
}

# Declares that the user holds no managed policy of its own.
resource "aws_iam_user_policy_attachments_exclusive" "analyst" {
  user_name   = aws_iam_user.analyst.name
  policy_arns = []
}

resource "aws_iam_policy_attachment" "read_settlements" {
  name       = "read-settlements"
  policy_arn = aws_iam_policy.read_settlements.arn
  groups     = [aws_iam_group.settlement.name]
  roles      = [aws_iam_role.reporting.name]
}
