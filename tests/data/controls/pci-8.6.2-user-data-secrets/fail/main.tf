provider "aws" {
  region = "eu-west-1"
}

resource "aws_instance" "bastion" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export DB_PASSWORD=fake-password-for-tests
    systemctl start app
  EOT
}
