provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

resource "aws_wafv2_web_acl" "regional" {
  name  = "pay-regional"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "known-bad-inputs"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pay-regional"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl" "cloudfront" {
  provider = aws.us_east_1
  name     = "pay-cloudfront"
  scope    = "CLOUDFRONT"

  default_action {
    allow {}
  }

  rule {
    name     = "common"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "known-bad-inputs"
    priority = 2

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"

        # Overriding a rule to block keeps it blocking.
        rule_action_override {
          name = "Log4JRCE_HEADER"
          action_to_use {
            block {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pay-cloudfront"
    sampled_requests_enabled   = true
  }
}

# The known-bad-inputs group in count mode blocks nothing.
resource "aws_wafv2_web_acl" "count_mode" {
  name  = "pay-count-mode"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "known-bad-inputs"
    priority = 1

    override_action {
      count {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pay-count-mode"
    sampled_requests_enabled   = true
  }
}

# The Log4Shell rule overridden to count.
resource "aws_wafv2_web_acl" "log4j_counted" {
  name  = "pay-log4j-counted"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "known-bad-inputs"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"

        rule_action_override {
          name = "Log4JRCE_BODY"
          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pay-log4j-counted"
    sampled_requests_enabled   = true
  }
}

# Provider v4 style: the Log4Shell rule excluded.
resource "aws_wafv2_web_acl" "log4j_excluded" {
  name  = "pay-log4j-excluded"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "known-bad-inputs"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"

        excluded_rule {
          name = "Log4JRCE"
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pay-log4j-excluded"
    sampled_requests_enabled   = true
  }
}

# No rules at all: it inspects and blocks nothing.
resource "aws_wafv2_web_acl" "empty" {
  name  = "pay-empty"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pay-empty"
    sampled_requests_enabled   = true
  }
}

# internal left out: internet-facing by default, and no web ACL.
resource "aws_lb" "public" {
  name    = "pay-public"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "protected" {
  name               = "pay-protected"
  load_balancer_type = "application"
  internal           = false
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_wafv2_web_acl_association" "protected" {
  resource_arn = aws_lb.protected.arn
  web_acl_arn  = aws_wafv2_web_acl.regional.arn
}

# Internal and network load balancers are not judged.
resource "aws_alb" "admin" {
  name     = "pay-admin"
  internal = true
  subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "ingest" {
  name               = "pay-ingest"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

# The module's default associates no web ACL.
module "web" {
  source = "./modules/alb"
  name   = "pay-web"
}

resource "aws_api_gateway_rest_api" "payments" {
  name = "payments"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "payments" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  deployment_id = "abc123"
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "payments_sandbox" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  deployment_id = "abc123"
  stage_name    = "sandbox"
}

resource "aws_wafv2_web_acl_association" "payments_sandbox" {
  resource_arn = aws_api_gateway_stage.payments_sandbox.arn
  web_acl_arn  = aws_wafv2_web_acl.regional.arn
}

# A PRIVATE API is reachable only from the VPC: not judged.
resource "aws_api_gateway_rest_api" "ledger" {
  name = "ledger"

  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_stage" "ledger" {
  rest_api_id   = aws_api_gateway_rest_api.ledger.id
  deployment_id = "def456"
  stage_name    = "prod"
}

resource "aws_appsync_graphql_api" "merchants" {
  name                = "merchants"
  authentication_type = "AMAZON_COGNITO_USER_POOLS"

  user_pool_config {
    default_action = "ALLOW"
    user_pool_id   = "eu-west-1_Example"
  }
}

resource "aws_appsync_graphql_api" "internal" {
  name                = "internal"
  authentication_type = "AWS_IAM"
  visibility          = "PRIVATE"
}

resource "aws_cloudfront_distribution" "checkout" {
  enabled = true

  origin {
    domain_name = "checkout-origin.pay.example.com"
    origin_id   = "checkout"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "checkout"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudfront_distribution" "assets" {
  enabled    = true
  web_acl_id = aws_wafv2_web_acl.cloudfront.arn

  origin {
    domain_name = "pay-assets.s3.eu-west-1.amazonaws.com"
    origin_id   = "assets"
  }

  default_cache_behavior {
    target_origin_id       = "assets"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
