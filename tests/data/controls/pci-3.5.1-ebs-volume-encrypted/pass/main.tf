provider "aws" {
  region = "eu-west-1"
}

resource "aws_ebs_volume" "batch" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}

resource "aws_instance" "reconciliation" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "payments-worker-"
  image_id    = "ami-0a1b2c3d4e5f60718"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "true"
    }
  }
}

# No root device declared: the root volume is encrypted by the account default switched on here.
resource "aws_instance" "batch_runner" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "payments-worker-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/xvdb"
    volume_size = 100
    encrypted   = true
  }
}

# No root device declared: encrypted by the account default switched on here.
resource "aws_launch_configuration" "batch" {
  name_prefix   = "payments-batch-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
}
