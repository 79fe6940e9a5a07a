variable "api_token" {
  default = "tok-9f8e7d6c5b4a"
}

variable "region" {
  type = string
}

data "template_file" "known" {
  template = file("${path.module}/boot.sh.tpl")
  vars = {
    token  = var.api_token
    region = "eu-west-1"
  }
}

# The region has no value, but the token written beside it is known.
data "template_file" "partly_known" {
  template = file("${path.module}/boot.sh.tpl")
  vars = {
    token  = var.api_token
    region = var.region
  }
}

data "template_file" "unknown" {
  template = "export REGION=$${region}\n"
  vars = {
    region = var.region
  }
}

resource "aws_instance" "known" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = data.template_file.known.rendered
}

resource "aws_instance" "partly_known" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = data.template_file.partly_known.rendered
}

resource "aws_instance" "unknown" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = data.template_file.unknown.rendered
}
