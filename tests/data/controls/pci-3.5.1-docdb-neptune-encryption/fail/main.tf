provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "profiles" {
  description         = "profiles"
  enable_key_rotation = true
}

# storage_encrypted defaults to false.
resource "aws_docdb_cluster" "defaults" {
  cluster_identifier = "profiles-defaults"
  master_username    = "profiles_admin"
}

# Encrypted with the AWS-managed aws/rds key.
resource "aws_docdb_cluster" "aws_managed_key" {
  cluster_identifier = "profiles-aws-key"
  master_username    = "profiles_admin"
  storage_encrypted  = true
}

resource "aws_docdb_cluster" "customer_key" {
  cluster_identifier = "profiles-cmk"
  master_username    = "profiles_admin"
  storage_encrypted  = true
  kms_key_id         = aws_kms_key.profiles.arn
}

resource "aws_neptune_cluster" "defaults" {
  cluster_identifier = "graph-defaults"
}

resource "aws_neptune_cluster" "unencrypted" {
  cluster_identifier = "graph-unencrypted"
  storage_encrypted  = false
  kms_key_arn        = aws_kms_key.profiles.arn
}

# Encrypted with the AWS-managed aws/rds key.
resource "aws_neptune_cluster" "aws_managed_key" {
  cluster_identifier = "graph-aws-key"
  storage_encrypted  = true
}

variable "storage_encrypted" {
  type    = bool
  default = false
}

# Module-style: encryption left at a variable's default.
resource "aws_docdb_cluster" "from_variable" {
  cluster_identifier = "profiles-variable"
  master_username    = "profiles_admin"
  storage_encrypted  = var.storage_encrypted
  kms_key_id         = aws_kms_key.profiles.arn
}
