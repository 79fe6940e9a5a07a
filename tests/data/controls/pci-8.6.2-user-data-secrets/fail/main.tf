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

resource "aws_launch_template" "batch" {
  name_prefix = "batch-"
  user_data   = base64encode("#!/bin/bash\nexport DB_PASSWORD=fake-launch-template-canary\n")
}
