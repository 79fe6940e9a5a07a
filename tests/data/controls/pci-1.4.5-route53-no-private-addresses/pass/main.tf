provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "cde" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_route53_zone" "public" {
  name = "pay.example.com"
}

resource "aws_route53_zone" "internal" {
  name = "internal.pay.example.com"

  vpc {
    vpc_id = aws_vpc.cde.id
  }
}

resource "aws_lb" "api" {
  name               = "payments-api"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-0f9e8d7c"]
}

# An alias publishes the load balancer, not an address of the network.
resource "aws_route53_record" "db" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "db.pay.example.com"
  type    = "A"

  alias {
    name                   = aws_lb.api.dns_name
    zone_id                = aws_lb.api.zone_id
    evaluate_target_health = true
  }
}

# Public addresses only (100.64.0.0/10 and 172.32.0.0/11 are not RFC 1918 ranges).
resource "aws_route53_record" "vpn" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "vpn.pay.example.com"
  type    = "A"
  ttl     = 300
  records = ["203.0.113.10", "172.32.8.4"]
}

resource "aws_route53_record" "office" {
  zone_id = aws_route53_zone.public.id
  name    = "office.pay.example.com"
  type    = "A"
  ttl     = 300
  records = ["198.51.100.2"]
}

resource "aws_route53_record" "api_v6" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "api.pay.example.com"
  type    = "AAAA"
  ttl     = 300
  records = ["2001:db8:85a3::20"]
}

resource "aws_route53_record" "internal_db" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "db.internal.pay.example.com"
  type    = "A"
  ttl     = 60
  records = ["10.20.3.17"]
}

# A TXT record is not an address record.
resource "aws_route53_record" "verification" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "pay.example.com"
  type    = "TXT"
  ttl     = 300
  records = ["10.0.0.1 is mentioned here only as text"]
}
