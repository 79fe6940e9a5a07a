provider "aws" {
  region = "eu-west-1"
}

variable "ami_id" {
  type    = string
  default = "ami-0abcdef1234567890"
}

# source_dest_check left to its default, true.
resource "aws_instance" "app" {
  ami           = var.ami_id
  instance_type = "t3.small"
  subnet_id     = "subnet-0a1b2c3d"

  tags = { Name = "payments-app" }
}

resource "aws_instance" "proxy" {
  ami               = var.ami_id
  instance_type     = "t3.small"
  subnet_id         = "subnet-0a1b2c3d"
  source_dest_check = true

  tags = { Name = "egress-proxy", NetworkRole = "proxy" }
}

resource "aws_network_interface" "secondary" {
  subnet_id   = "subnet-0a1b2c3d"
  private_ips = ["10.20.1.15"]
}

resource "aws_instance" "with_eni" {
  ami           = var.ami_id
  instance_type = "t3.small"

  network_interface {
    network_interface_id = aws_network_interface.secondary.id
    device_index         = 0
  }
}

# A NAT instance routes other hosts' traffic and is declared as such: not judged.
resource "aws_instance" "nat" {
  ami               = var.ami_id
  instance_type     = "t3.micro"
  subnet_id         = "subnet-0f9e8d7c"
  source_dest_check = false

  tags = { Name = "nat-a", NetworkRole = "nat" }
}
