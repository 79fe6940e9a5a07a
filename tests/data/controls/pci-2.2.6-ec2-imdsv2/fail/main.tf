provider "aws" {
  region = "eu-west-1"
}

variable "metadata_options" {
  description = "Module-style input: the caller did not ask for IMDSv2."
  type        = map(string)
  default = {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
}

# metadata_options omitted: the AMI decides whether tokens are required.
resource "aws_instance" "bastion" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
}

# The block is there but leaves http_tokens to its default ("optional").
resource "aws_instance" "reporting" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  metadata_options {
    http_put_response_hop_limit = 1
  }
}

resource "aws_launch_template" "workers" {
  name_prefix   = "payments-worker-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.small"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
}

# terraform-aws-modules style: the block written from a variable with a default.
resource "aws_launch_template" "batch" {
  name_prefix = "batch-"
  image_id    = "ami-0a1b2c3d4e5f60718"

  dynamic "metadata_options" {
    for_each = length(var.metadata_options) > 0 ? [var.metadata_options] : []
    content {
      http_endpoint = lookup(metadata_options.value, "http_endpoint", null)
      http_tokens   = lookup(metadata_options.value, "http_tokens", null)
    }
  }
}

resource "aws_launch_configuration" "legacy" {
  name_prefix   = "legacy-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
}

# A compliant neighbour: the fail folder is judged resource by resource.
resource "aws_instance" "hardened" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}

# Written out, but still answering IMDSv1.
resource "aws_launch_configuration" "workers" {
  name_prefix     = "payments-worker-"
  image_id        = "ami-0a1b2c3d4e5f60718"
  instance_type   = "t3.small"
  security_groups = ["sg-0123456789abcdef0"]

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "optional"
    http_put_response_hop_limit = 2
  }

  lifecycle {
    create_before_destroy = true
  }
}
