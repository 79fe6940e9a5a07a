provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user" "operator" {
  name = "operator"
}

resource "aws_iam_group" "settlement" {
  name = "settlement"
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

# An inline policy of one person.
resource "aws_iam_user_policy" "analyst_reports" {
  name = "reports"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["athena:StartQueryExecution"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_user_policy_attachment" "operator_read_only" {
  user       = aws_iam_user.operator.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_policy_attachments_exclusive" "operator" {
  user_name   = aws_iam_user.operator.name
  policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

# The group is right; the user named beside it is not.
resource "aws_iam_policy_attachment" "read_settlements" {
  name       = "read-settlements"
  policy_arn = aws_iam_policy.read_settlements.arn
  groups     = [aws_iam_group.settlement.name]
  users      = [aws_iam_user.analyst.name]
}
