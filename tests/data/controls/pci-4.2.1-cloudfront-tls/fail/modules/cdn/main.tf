# Shaped like terraform-aws-modules/cloudfront: the certificate comes from a map variable whose
# default is the *.cloudfront.net certificate.
variable "origin_domain" {
  type = string
}

variable "viewer_certificate" {
  type = any
  default = {
    cloudfront_default_certificate = true
    minimum_protocol_version       = "TLSv1"
  }
}

resource "aws_cloudfront_distribution" "this" {
  count   = 1
  enabled = true

  origin {
    domain_name = var.origin_domain
    origin_id   = "app"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "app"
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
    acm_certificate_arn            = try(var.viewer_certificate.acm_certificate_arn, null)
    cloudfront_default_certificate = try(var.viewer_certificate.cloudfront_default_certificate, null)
    minimum_protocol_version       = try(var.viewer_certificate.minimum_protocol_version, null)
    ssl_support_method             = try(var.viewer_certificate.ssl_support_method, null)
  }
}
