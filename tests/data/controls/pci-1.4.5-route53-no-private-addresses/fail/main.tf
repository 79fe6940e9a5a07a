provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "cde" {
  cidr_block = "10.20.0.0/16"
}

# No vpc block: a public zone that anyone on the internet can query.
resource "aws_route53_zone" "public" {
  name = "pay.example.com"
}

resource "aws_route53_zone" "internal" {
  name = "internal.pay.example.com"

  vpc {
    vpc_id = aws_vpc.cde.id
  }
}

resource "aws_route53_record" "db" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "db.pay.example.com"
  type    = "A"
  ttl     = 300
  records = ["10.20.3.17"]
}

resource "aws_route53_record" "vpn" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "vpn.pay.example.com"
  type    = "A"
  ttl     = 300
  records = ["203.0.113.10", "172.31.8.4"]
}

resource "aws_route53_record" "office" {
  zone_id = aws_route53_zone.public.id
  name    = "office.pay.example.com"
  type    = "A"
  ttl     = 300
  records = ["192.168.10.2"]
}

resource "aws_route53_record" "api_v6" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "api.pay.example.com"
  type    = "AAAA"
  ttl     = 300
  records = ["fd12:3456:789a::20"]
}

# Private addresses belong in the private zone: not judged.
resource "aws_route53_record" "internal_db" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "db.internal.pay.example.com"
  type    = "A"
  ttl     = 60
  records = ["10.20.3.17"]
}
