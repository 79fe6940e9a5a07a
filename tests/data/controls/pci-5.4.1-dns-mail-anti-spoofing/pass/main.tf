provider "aws" {
  region = "eu-west-1"
}

resource "aws_route53_zone" "main" {
  name = "pay-example.com"
}

resource "aws_route53_record" "spf" {
  zone_id = aws_route53_zone.main.zone_id
  name    = ""
  type    = "TXT"
  ttl     = 300
  records = ["v=spf1 include:_spf.mail-provider.example -all"]
}

resource "aws_route53_record" "dmarc" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "_dmarc"
  type    = "TXT"
  ttl     = 300
  records = ["v=DMARC1; p=reject; rua=mailto:dmarc@pay-example.com; adkim=s; aspf=s"]
}

# A parked domain that sends no mail says so.
resource "aws_route53_zone" "uk" {
  name = "pay-example.co.uk"
}

resource "aws_route53_record" "uk_spf" {
  zone_id = aws_route53_zone.uk.zone_id
  name    = aws_route53_zone.uk.name
  type    = "TXT"
  ttl     = 3600
  records = ["v=spf1 ~all"]
}

resource "aws_route53_record" "uk_dmarc" {
  zone_id = aws_route53_zone.uk.zone_id
  name    = "_dmarc.${aws_route53_zone.uk.name}"
  type    = "TXT"
  ttl     = 3600
  records = ["v=DMARC1;p=quarantine;sp=reject"]
}

resource "aws_route53_zone" "api" {
  name = "api.pay-example.com"
}
