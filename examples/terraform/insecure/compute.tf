resource "aws_instance" "bastion" {
  ami                    = "ami-0a1b2c3d4e5f60718"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private[0].id
  vpc_security_group_ids = [aws_security_group.bastion.id]

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y postgresql16
    export PGPASSWORD=${var.db_password}
    echo "bastion for ${local.name}" > /etc/motd
  EOT
}

resource "aws_ebs_volume" "reconciliation" {
  availability_zone = "${var.region}a"
  size              = 200
  type              = "gp3"
  encrypted         = false
}
