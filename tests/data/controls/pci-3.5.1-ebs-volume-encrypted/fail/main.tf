provider "aws" {
  region = "eu-west-1"
}

resource "aws_ebs_volume" "batch" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = false
}

resource "aws_instance" "reconciliation" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 30
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "payments-worker-"
  image_id    = "ami-0a1b2c3d4e5f60718"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "false"
    }
  }
}

# Launch configurations: an unencrypted EBS device, an undeclared root volume with no
# encryption by default in this configuration, and a root device left unencrypted.
resource "aws_launch_configuration" "workers_data" {
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
    encrypted   = false
  }
}

resource "aws_launch_configuration" "workers_default_root" {
  name_prefix   = "payments-batch-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
}

resource "aws_launch_configuration" "workers_root" {
  name_prefix   = "payments-root-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 30
  }
}
