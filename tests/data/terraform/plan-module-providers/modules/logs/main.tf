resource "aws_cloudwatch_log_group" "this" {
  name              = "statements"
  retention_in_days = 365
}
