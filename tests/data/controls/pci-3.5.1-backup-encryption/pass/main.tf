provider "aws" {
  region = "eu-west-1"
}

variable "vault_kms_key_arn" {
  description = "KMS key for the vault"
  type        = string
  default     = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000002"
}

resource "aws_kms_key" "backup" {
  description         = "Backup recovery points"
  enable_key_rotation = true
}

resource "aws_backup_vault" "customer_key" {
  name        = "payments-cmk"
  kms_key_arn = aws_kms_key.backup.arn
}

# Module style: the key arrives through a variable's default.
resource "aws_backup_vault" "key_by_variable" {
  name        = "payments-module"
  kms_key_arn = var.vault_kms_key_arn
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier  = "reporting"
  engine              = "aurora-postgresql"
  master_username     = "reporting_admin"
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.backup.arn
  skip_final_snapshot = true
}

resource "aws_db_cluster_snapshot" "reporting" {
  db_cluster_identifier          = aws_rds_cluster.reporting.id
  db_cluster_snapshot_identifier = "reporting-before-migration"
}

resource "aws_db_instance" "ledger" {
  identifier          = "ledger"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "ledger_admin"
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.backup.arn
  skip_final_snapshot = true
}

resource "aws_db_instance_automated_backups_replication" "ledger" {
  source_db_instance_arn = aws_db_instance.ledger.arn
  kms_key_id             = "arn:aws:kms:eu-central-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000003"
  retention_period       = 14
}
