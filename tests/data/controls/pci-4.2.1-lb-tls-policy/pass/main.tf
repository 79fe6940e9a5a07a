provider "aws" {
  region = "eu-west-1"
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/1"
  }
}

# Classic Load Balancer on the TLS 1.2 predefined policy.
resource "aws_elb" "referenced" {
  name               = "payments-referenced"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}

resource "aws_load_balancer_policy" "referenced_tls12" {
  load_balancer_name = aws_elb.referenced.name
  policy_name        = "payments-tls-1-2"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}

# A stickiness policy of the same balancer is not an SSL negotiation policy.
resource "aws_load_balancer_policy" "referenced_proxy" {
  load_balancer_name = aws_elb.referenced.name
  policy_name        = "payments-proxy-protocol"
  policy_type_name   = "ProxyProtocolPolicyType"

  policy_attribute {
    name  = "ProxyProtocol"
    value = "true"
  }
}

resource "aws_load_balancer_listener_policy" "referenced_443" {
  load_balancer_name = aws_elb.referenced.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.referenced_tls12.policy_name]
}

# A custom policy with only TLS 1.2 switched on.
resource "aws_elb" "custom" {
  name               = "payments-custom"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8443
    instance_protocol  = "ssl"
    lb_port            = 8443
    lb_protocol        = "SSL"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}

resource "aws_load_balancer_policy" "custom_tls12" {
  load_balancer_name = aws_elb.custom.name
  policy_name        = "payments-custom-tls"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "false"
  }

  policy_attribute {
    name  = "Protocol-TLSv1.1"
    value = "false"
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

resource "aws_load_balancer_listener_policy" "custom_8443" {
  load_balancer_name = aws_elb.custom.name
  load_balancer_port = 8443
  policy_names       = [aws_load_balancer_policy.custom_tls12.policy_name]
}

# The older resource that creates and attaches the policy in one.
resource "aws_elb" "negotiated" {
  name               = "payments-negotiated"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }
}

resource "aws_lb_ssl_negotiation_policy" "tls12" {
  name          = "payments-tls12"
  load_balancer = aws_elb.negotiated.id
  lb_port       = 443

  attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }

  attribute {
    name  = "ECDHE-RSA-AES128-GCM-SHA256"
    value = "true"
  }
}
