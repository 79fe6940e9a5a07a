provider "aws" {
  region = "eu-west-1"
}

resource "aws_route53_zone" "main" {
  name = "pay-example.com"
}

# SPF that authorizes anyone (?all), and a DMARC policy that only reports.
resource "aws_route53_record" "spf" {
  zone_id = aws_route53_zone.main.zone_id
  name    = ""
  type    = "TXT"
  ttl     = 300
  records = ["v=spf1 include:_spf.mail-provider.example ?all"]
}

resource "aws_route53_record" "dmarc" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "_dmarc"
  type    = "TXT"
  ttl     = 300
  records = ["v=DMARC1; p=none; rua=mailto:dmarc@pay-example.com"]
}

# A parked domain with no mail records at all: anyone can send as it.
resource "aws_route53_zone" "uk" {
  name = "pay-example.co.uk"
}

# Rejects spoofed mail of the domain itself, but not of its subdomains.
resource "aws_route53_zone" "merchants" {
  name = "merchant-example.com"
}

resource "aws_route53_record" "merchants_spf" {
  zone_id = aws_route53_zone.merchants.zone_id
  name    = "merchant-example.com"
  type    = "TXT"
  ttl     = 300
  records = ["v=spf1 -all"]
}

resource "aws_route53_record" "merchants_dmarc" {
  zone_id = aws_route53_zone.merchants.zone_id
  name    = "_dmarc.merchant-example.com"
  type    = "TXT"
  ttl     = 300
  records = ["v=DMARC1; p=reject; sp=none"]
}

# A subdomain's zone: its organizational domain's policy covers it.
resource "aws_route53_zone" "api" {
  name = "api.pay-example.com"
}
