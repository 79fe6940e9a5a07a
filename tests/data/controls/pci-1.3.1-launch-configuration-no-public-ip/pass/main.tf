provider "aws" {
  region = "eu-west-1"
}

variable "associate_public_ip_address" {
  description = "Module-style input, defaulting to private instances."
  type        = bool
  default     = false
}

resource "aws_launch_configuration" "web" {
  name_prefix                 = "checkout-web-"
  image_id                    = "ami-0a1b2c3d4e5f60718"
  instance_type               = "t3.small"
  security_groups             = ["sg-0123456789abcdef0"]
  associate_public_ip_address = false

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_launch_configuration" "workers" {
  name_prefix                 = "payments-worker-"
  image_id                    = "ami-0a1b2c3d4e5f60718"
  instance_type               = "t3.small"
  associate_public_ip_address = false

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
