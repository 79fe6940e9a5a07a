resource "aws_instance" "bastion" {
  ami                    = "ami-0a1b2c3d4e5f60718"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private[0].id
  vpc_security_group_ids = [aws_security_group.bastion.id]
  iam_instance_profile   = aws_iam_instance_profile.bastion.name

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted  = true
    kms_key_id = aws_kms_key.data.arn
  }

  # Credentials are read from Secrets Manager at login with the instance role, never stored here.
  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y postgresql16 jq
    cat > /usr/local/bin/payments-psql <<'SH'
    #!/bin/bash
    SECRET="$(aws secretsmanager get-secret-value --secret-id ${local.db_secret_name} --query SecretString --output text)"
    export PGHOST="$(jq -r .host <<< "$SECRET")" PGUSER="$(jq -r .username <<< "$SECRET")"
    export PGPASSWORD="$(jq -r .password <<< "$SECRET")" PGSSLMODE=verify-full
    exec psql payments
    SH
    chmod 755 /usr/local/bin/payments-psql
  EOT
}

resource "aws_ebs_volume" "batch" {
  availability_zone = local.azs[0]
  size              = 200
  type              = "gp3"
  encrypted         = true
  kms_key_id        = aws_kms_key.data.arn
  tags              = { Name = "${local.name}-reconciliation-batch", DataClassification = "cardholder" }
}
