provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  description         = "payments data at rest"
  enable_key_rotation = true
}

resource "aws_db_instance" "payments" {
  identifier          = "payments"
  engine              = "mysql"
  instance_class      = "db.t3.medium"
  allocated_storage   = 50
  username            = "payments_admin"
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.data.arn
  skip_final_snapshot = true
}

resource "aws_db_snapshot" "payments" {
  db_instance_identifier = aws_db_instance.payments.identifier
  db_snapshot_identifier = "payments-before-upgrade"
}

resource "aws_ebs_volume" "reconciliation" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp3"
  encrypted         = true
  kms_key_id        = aws_kms_key.data.arn
}

resource "aws_ebs_snapshot" "reconciliation" {
  volume_id = aws_ebs_volume.reconciliation.id

  tags = {
    Name = "reconciliation-daily"
  }
}

# encrypted is left out: the copy of an encrypted snapshot is encrypted.
resource "aws_ebs_snapshot_copy" "reconciliation_dr" {
  source_snapshot_id = aws_ebs_snapshot.reconciliation.id
  source_region      = "eu-west-1"
}

# A copy that encrypts a snapshot taken outside this configuration.
resource "aws_ebs_snapshot_copy" "imported" {
  source_snapshot_id = "snap-0a1b2c3d4e5f60718"
  source_region      = "eu-central-1"
  encrypted          = true
  kms_key_id         = aws_kms_key.data.arn
}
