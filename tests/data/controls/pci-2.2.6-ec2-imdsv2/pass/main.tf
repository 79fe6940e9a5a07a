provider "aws" {
  region = "eu-west-1"
}

variable "metadata_options" {
  description = "Module-style input, defaulting to IMDSv2."
  type        = map(string)
  default = {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = "1"
  }
}

# Nothing on the host needs the metadata service.
resource "aws_instance" "bastion" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_instance" "reporting" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_launch_template" "workers" {
  name_prefix   = "payments-worker-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.small"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_launch_template" "batch" {
  name_prefix = "batch-"
  image_id    = "ami-0a1b2c3d4e5f60718"

  dynamic "metadata_options" {
    for_each = length(var.metadata_options) > 0 ? [var.metadata_options] : []
    content {
      http_endpoint               = lookup(metadata_options.value, "http_endpoint", null)
      http_tokens                 = lookup(metadata_options.value, "http_tokens", null)
      http_put_response_hop_limit = lookup(metadata_options.value, "http_put_response_hop_limit", null)
    }
  }
}

resource "aws_launch_configuration" "legacy" {
  name_prefix   = "legacy-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}

# Nothing on these hosts reads the metadata service.
resource "aws_launch_configuration" "workers" {
  name_prefix     = "payments-worker-"
  image_id        = "ami-0a1b2c3d4e5f60718"
  instance_type   = "t3.small"
  security_groups = ["sg-0123456789abcdef0"]

  metadata_options {
    http_endpoint = "disabled"
  }

  lifecycle {
    create_before_destroy = true
  }
}
