provider "aws" {
  region = "eu-west-1"
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/1"
  }
}

# A Classic Load Balancer cannot redirect: its HTTP listener serves plain HTTP.
resource "aws_elb" "legacy" {
  name               = "payments-legacy"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

# HTTPS beside plain HTTP (upper case, as the provider also accepts) still serves HTTP.
resource "aws_elb" "mixed" {
  name               = "payments-mixed"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  }

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "HTTP"
  }
}

# TCP passthrough is not judged by this control.
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
