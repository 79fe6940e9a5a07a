provider "aws" {
  region = "eu-west-1"
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/1"
  }
}

# Classic Load Balancer with an HTTPS listener and no SSL negotiation policy: it negotiates
# with ELBSecurityPolicy-2016-08, which allows TLS 1.0.
resource "aws_elb" "default_policy" {
  name               = "payments-default"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}

# A custom policy that switches TLS 1.0 on.
resource "aws_elb" "custom" {
  name               = "payments-custom"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}

resource "aws_load_balancer_policy" "custom_tls10" {
  load_balancer_name = aws_elb.custom.name
  policy_name        = "payments-custom-tls"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "true"
  }

  policy_attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }

  policy_attribute {
    name  = "ECDHE-RSA-AES128-GCM-SHA256"
    value = "true"
  }
}

resource "aws_load_balancer_listener_policy" "custom_443" {
  load_balancer_name = aws_elb.custom.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.custom_tls10.policy_name]
}

# Predefined policies that still allow TLS 1.0 or 1.1, referenced by name.
resource "aws_elb" "referenced" {
  name               = "payments-referenced"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8443
    instance_protocol  = "ssl"
    lb_port            = 8443
    lb_protocol        = "ssl"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}

resource "aws_load_balancer_policy" "referenced_2016" {
  load_balancer_name = aws_elb.referenced.name
  policy_name        = "payments-2016-08"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-2016-08"
  }
}

resource "aws_load_balancer_policy" "referenced_tls11" {
  load_balancer_name = aws_elb.referenced.name
  policy_name        = "payments-tls-1-1"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-1-2017-01"
  }
}

resource "aws_load_balancer_policy" "sslv3" {
  load_balancer_name = "payments-elsewhere"
  policy_name        = "payments-sslv3"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Protocol-SSLv3"
    value = "true"
  }
}

# The older resource that creates and attaches the policy in one.
resource "aws_elb" "negotiated" {
  name               = "payments-negotiated"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "HTTPS"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}

resource "aws_lb_ssl_negotiation_policy" "tls11" {
  name          = "payments-tls11"
  load_balancer = aws_elb.negotiated.id
  lb_port       = 443

  attribute {
    name  = "Protocol-TLSv1.1"
    value = "true"
  }

  attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }
}

# Plain HTTP or TCP only: no TLS to judge here.
resource "aws_elb" "tcp" {
  name               = "payments-tcp"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port     = 5432
    instance_protocol = "tcp"
    lb_port           = 5432
    lb_protocol       = "tcp"
  }
}
