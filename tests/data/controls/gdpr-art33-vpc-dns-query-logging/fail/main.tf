provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "payments" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_vpc" "analytics" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_cloudwatch_log_group" "dns" {
  name              = "/route53/queries"
  retention_in_days = 400
}

resource "aws_route53_resolver_query_log_config" "queries" {
  name            = "payments-queries"
  destination_arn = aws_cloudwatch_log_group.dns.arn
}

# Associated with the payments VPC only.
resource "aws_route53_resolver_query_log_config_association" "payments" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.queries.id
  resource_id                  = aws_vpc.payments.id
}
