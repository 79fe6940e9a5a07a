provider "aws" {
  region = "eu-west-1"
}

locals {
  cardholder = { DataClassification = "cardholder" }
}

resource "aws_instance" "ledger" {
  ami                         = "ami-0a1b2c3d4e5f60718"
  instance_type               = "m6i.large"
  associate_public_ip_address = false
  tags                        = local.cardholder
}

resource "aws_instance" "tokenizer" {
  ami                         = "ami-0a1b2c3d4e5f60718"
  instance_type               = "m6i.large"
  associate_public_ip_address = false
  tags                        = merge(local.cardholder, { Name = "tokenizer" })
}

resource "aws_instance" "build" {
  ami                         = "ami-0a1b2c3d4e5f60718"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  tags                        = { DataClassification = "internal" }
}
