provider "aws" {
  region = "eu-west-1"
}

variable "associate_public_ip_address" {
  description = "Module-style input, left to the caller."
  type        = bool
  default     = true
}

resource "aws_launch_configuration" "web" {
  name_prefix                 = "checkout-web-"
  image_id                    = "ami-0a1b2c3d4e5f60718"
  instance_type               = "t3.small"
  security_groups             = ["sg-0123456789abcdef0"]
  associate_public_ip_address = true

  lifecycle {
    create_before_destroy = true
  }
}

# Not stated: the subnet decides, and default subnets assign public addresses.
resource "aws_launch_configuration" "workers" {
  name_prefix   = "payments-worker-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.small"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_launch_configuration" "batch" {
  name_prefix                 = "batch-"
  image_id                    = "ami-0a1b2c3d4e5f60718"
  instance_type               = "c5.large"
  associate_public_ip_address = var.associate_public_ip_address
}

# A compliant neighbour: the fail folder is judged resource by resource.
resource "aws_launch_configuration" "internal" {
  name_prefix                 = "ledger-"
  image_id                    = "ami-0a1b2c3d4e5f60718"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
}
