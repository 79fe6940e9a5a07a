provider "aws" {
  region = "eu-west-1"
}

# storage_encrypted is left to its default, false.
resource "aws_db_instance" "legacy" {
  identifier          = "legacy-payments"
  engine              = "mysql"
  instance_class      = "db.t3.medium"
  allocated_storage   = 50
  username            = "payments_admin"
  skip_final_snapshot = true
}

resource "aws_db_snapshot" "legacy" {
  db_instance_identifier = aws_db_instance.legacy.identifier
  db_snapshot_identifier = "legacy-payments-before-upgrade"
}

resource "aws_ebs_volume" "reconciliation" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp3"
}

resource "aws_ebs_snapshot" "reconciliation" {
  volume_id = aws_ebs_volume.reconciliation.id

  tags = {
    Name = "reconciliation-daily"
  }
}

# A copy of an unencrypted snapshot, with encrypted left to its default, false.
resource "aws_ebs_snapshot_copy" "reconciliation_dr" {
  source_snapshot_id = aws_ebs_snapshot.reconciliation.id
  source_region      = "eu-west-1"
}
