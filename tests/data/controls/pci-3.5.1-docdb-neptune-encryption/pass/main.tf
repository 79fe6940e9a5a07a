provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "profiles" {
  description         = "profiles"
  enable_key_rotation = true
}

resource "aws_docdb_cluster" "customer_key" {
  cluster_identifier = "profiles-cmk"
  master_username    = "profiles_admin"
  storage_encrypted  = true
  kms_key_id         = aws_kms_key.profiles.arn
}

resource "aws_neptune_cluster" "customer_key" {
  cluster_identifier = "graph-cmk"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.profiles.arn
}

variable "storage_encrypted" {
  type    = bool
  default = true
}

resource "aws_docdb_cluster" "from_variable" {
  cluster_identifier = "profiles-variable"
  master_username    = "profiles_admin"
  storage_encrypted  = var.storage_encrypted
  kms_key_id         = aws_kms_key.profiles.arn
}
