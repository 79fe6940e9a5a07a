provider "aws" {
  region = "eu-west-1"
}

resource "aws_instance" "bastion" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
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
