provider "aws" {
  region = "eu-west-1"
}

resource "aws_acm_certificate" "legacy" {
  domain_name       = "legacy.pay.example.com"
  validation_method = "DNS"
  key_algorithm     = "EC_prime256v1"

  lifecycle {
    create_before_destroy = true
  }
}

# The module's default: key_algorithm = null leaves the provider's RSA_2048.
module "acm" {
  source = "./modules/acm"

  domain_name = "checkout.example.com"
}

resource "aws_acm_certificate" "api" {
  domain_name               = "api.pay.example.com"
  subject_alternative_names = ["*.api.pay.example.com"]
  validation_method         = "DNS"
}

# A private certificate from the organisation's CA, with a stronger RSA key.
resource "aws_acm_certificate" "internal" {
  domain_name               = "ledger.internal.example.com"
  certificate_authority_arn = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/1f2e3d4c-5b6a-4789-8abc-def012345678"
  key_algorithm             = "RSA_4096"
}
