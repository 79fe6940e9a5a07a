provider "aws" {
  region = "eu-west-1"
}

variable "snapshot_share_accounts" {
  description = "Accounts the pre-migration snapshot is shared with"
  type        = list(string)
  default     = ["all"]
}

resource "aws_db_instance" "ledger" {
  identifier          = "ledger"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 50
  username            = "ledger_admin"
  storage_encrypted   = true
  skip_final_snapshot = true
}

# Public: any AWS account can restore the ledger.
resource "aws_db_snapshot" "ledger_public" {
  db_instance_identifier = aws_db_instance.ledger.identifier
  db_snapshot_identifier = "ledger-before-migration"
  shared_accounts        = ["all"]
}

# One named account, and the public as well.
resource "aws_db_snapshot" "ledger_partner" {
  db_instance_identifier = aws_db_instance.ledger.identifier
  db_snapshot_identifier = "ledger-for-partner"
  shared_accounts        = ["111122223333", "all"]
}

resource "aws_db_snapshot" "ledger_by_variable" {
  db_instance_identifier = aws_db_instance.ledger.identifier
  db_snapshot_identifier = "ledger-shared"
  shared_accounts        = var.snapshot_share_accounts
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier  = "reporting"
  engine              = "aurora-postgresql"
  master_username     = "reporting_admin"
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_db_cluster_snapshot" "reporting" {
  db_cluster_identifier          = aws_rds_cluster.reporting.id
  db_cluster_snapshot_identifier = "reporting-quarter-end"
  shared_accounts                = ["all"]
}

# Blocks new public sharing only: snapshots already public stay public.
resource "aws_ebs_snapshot_block_public_access" "this" {
  state = "block-new-sharing"
}
