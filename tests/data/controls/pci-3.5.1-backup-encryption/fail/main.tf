provider "aws" {
  region = "eu-west-1"
}

variable "vault_kms_key_arn" {
  description = "KMS key for the vault; null leaves AWS Backup's own key"
  type        = string
  default     = null
}

resource "aws_kms_key" "backup" {
  description         = "Backup recovery points"
  enable_key_rotation = true
}

# No kms_key_arn: recovery points are encrypted with the AWS-managed aws/backup key.
resource "aws_backup_vault" "default_key" {
  name = "payments-default"
}

# Module style: the key arrives through a variable whose default is null.
resource "aws_backup_vault" "key_by_null_variable" {
  name        = "payments-module"
  kms_key_arn = var.vault_kms_key_arn
}

# Compliant, in the failing folder: it must still pass.
resource "aws_backup_vault" "customer_key" {
  name        = "payments-cmk"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier  = "reporting"
  engine              = "aurora-postgresql"
  master_username     = "reporting_admin"
  skip_final_snapshot = true
}

resource "aws_db_cluster_snapshot" "reporting" {
  db_cluster_identifier          = aws_rds_cluster.reporting.id
  db_cluster_snapshot_identifier = "reporting-before-migration"
}

resource "aws_db_instance" "legacy" {
  identifier          = "legacy"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "legacy_admin"
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_db_instance_automated_backups_replication" "legacy" {
  source_db_instance_arn = aws_db_instance.legacy.arn
  retention_period       = 14
}
