provider "aws" {
  region = "eu-west-1"
}

# A 1024-bit RSA key is not strong cryptography.
resource "aws_acm_certificate" "legacy" {
  domain_name       = "legacy.pay.example.com"
  validation_method = "DNS"
  key_algorithm     = "RSA_1024"

  lifecycle {
    create_before_destroy = true
  }
}

module "acm" {
  source = "./modules/acm"

  domain_name   = "checkout.example.com"
  key_algorithm = "RSA_1024"
}

# Defaults left implicit: RSA_2048 passes beside the failing ones.
resource "aws_acm_certificate" "api" {
  domain_name               = "api.pay.example.com"
  subject_alternative_names = ["*.api.pay.example.com"]
  validation_method         = "DNS"
}

# Imported: ACM takes the algorithm from the key (here a tls_private_key, which the check does
# not follow), so the certificate is not evaluated here and is judged in AWS once in use.
resource "tls_private_key" "partner" {
  algorithm = "RSA"
  rsa_bits  = 1024
}

resource "tls_self_signed_cert" "partner" {
  private_key_pem       = tls_private_key.partner.private_key_pem
  validity_period_hours = 8760
  allowed_uses          = ["key_encipherment", "digital_signature", "server_auth"]

  subject {
    common_name = "partner.pay.example.com"
  }
}

resource "aws_acm_certificate" "imported" {
  private_key      = tls_private_key.partner.private_key_pem
  certificate_body = tls_self_signed_cert.partner.cert_pem
}
