provider "aws" {
  region = "eu-west-1"
}

variable "ami_id" {
  type    = string
  default = "ami-0abcdef1234567890"
}

resource "aws_instance" "app" {
  ami               = var.ami_id
  instance_type     = "t3.small"
  subnet_id         = "subnet-0a1b2c3d"
  source_dest_check = false

  tags = { Name = "payments-app" }
}

# A proxy that forwards traffic, but not declared as an appliance.
resource "aws_instance" "proxy" {
  ami               = var.ami_id
  instance_type     = "t3.small"
  subnet_id         = "subnet-0a1b2c3d"
  source_dest_check = false

  tags = { Name = "egress-proxy", NetworkRole = "proxy" }
}

resource "aws_network_interface" "secondary" {
  subnet_id         = "subnet-0a1b2c3d"
  private_ips       = ["10.20.1.15"]
  source_dest_check = false
}

resource "aws_instance" "with_eni" {
  ami           = var.ami_id
  instance_type = "t3.small"

  network_interface {
    network_interface_id = aws_network_interface.secondary.id
    device_index         = 0
  }
}
