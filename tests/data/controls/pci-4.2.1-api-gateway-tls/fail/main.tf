provider "aws" {
  region = "eu-west-1"
}

variable "security_policy" {
  description = "TLS policy of the partner domain"
  type        = string
  default     = "TLS_1_0"
}

# security_policy left out: the API's default, TLS_1_0, still accepts TLS 1.0 and 1.1.
resource "aws_api_gateway_domain_name" "default_policy" {
  domain_name              = "api.pay.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/api"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_domain_name" "partners" {
  domain_name     = "partners.pay.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/partners"
  security_policy = var.security_policy
}

resource "aws_api_gateway_domain_name" "merchants" {
  domain_name              = "merchants.pay.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/merchants"
  security_policy          = "SecurityPolicy_TLS13_1_2_2021_06"
  endpoint_access_mode     = "STRICT"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_apigatewayv2_domain_name" "checkout" {
  domain_name = "checkout.pay.example.com"

  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/checkout"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_0"
  }
}
