resource "aws_instance" "bastion" {
  ami                         = "ami-0a1b2c3d4e5f60718"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public[0].id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.bastion.id]

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y postgresql16
    cat >> /etc/profile.d/payments.sh <<'SH'
    export PGHOST=${local.name}-payments.cxample.${var.region}.rds.amazonaws.com PGUSER=payments_admin
    export PGPASSWORD=fake-password-for-example-only
    SH
  EOT
}

resource "aws_ebs_volume" "batch" {
  availability_zone = local.azs[0]
  size              = 200
  type              = "gp3"
  encrypted         = false
  tags              = { Name = "${local.name}-reconciliation-batch", DataClassification = "cardholder" }
}
