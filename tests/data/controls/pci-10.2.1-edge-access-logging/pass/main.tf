provider "aws" {
  region = "eu-west-1"
}

variable "log_bucket" {
  type    = string
  default = "pay-edge-logs"
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

  logging_config {
    bucket = "${var.log_bucket}.s3.amazonaws.com"
    prefix = "cloudfront/checkout/"
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
  enabled = true

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

  logging_config {
    bucket          = "${var.log_bucket}.s3.amazonaws.com"
    prefix          = "cloudfront/assets/"
    include_cookies = false
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

# Standard logging v2: access logs delivered through CloudWatch Logs to a bucket.
resource "aws_cloudfront_distribution" "api" {
  enabled = true

  origin {
    domain_name = "api-origin.pay.example.com"
    origin_id   = "api"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "api"
    viewer_protocol_policy = "https-only"
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

resource "aws_cloudwatch_log_delivery_source" "api" {
  name         = "cloudfront-api"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.api.arn
}

resource "aws_cloudwatch_log_delivery_destination" "edge_logs" {
  name = "edge-logs"

  delivery_destination_configuration {
    destination_resource_arn = "arn:aws:s3:::${var.log_bucket}"
  }
}

resource "aws_cloudwatch_log_delivery" "api" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.api.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.edge_logs.arn
}

resource "aws_lb" "api" {
  name               = "pay-api"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket  = var.log_bucket
    prefix  = "alb/api"
    enabled = true
  }
}

resource "aws_alb" "admin" {
  name     = "pay-admin"
  internal = true
  subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket  = var.log_bucket
    enabled = true
  }
}

resource "aws_lb" "ingest" {
  name               = "pay-ingest"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket  = var.log_bucket
    prefix  = "nlb/ingest"
    enabled = true
  }
}

resource "aws_lb" "inspection" {
  name               = "pay-inspection"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0a1b2c3d"]
}

# enabled left out: for a Classic Load Balancer the provider's default is on.
resource "aws_elb" "legacy" {
  name               = "pay-legacy"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/legacy"
  }

  access_logs {
    bucket        = var.log_bucket
    bucket_prefix = "elb/legacy"
    interval      = 5
  }
}

module "web" {
  source = "./modules/alb"
  name   = "pay-web"

  access_logs = {
    bucket = "pay-edge-logs"
    prefix = "alb/web"
  }
}
