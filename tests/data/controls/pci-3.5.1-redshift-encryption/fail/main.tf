provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "warehouse" {
  description         = "warehouse"
  enable_key_rotation = true
}

# Neither encrypted nor a key: the provider default of encrypted differs between versions.
resource "aws_redshift_cluster" "defaults" {
  cluster_identifier = "warehouse-defaults"
  node_type          = "ra3.xlplus"
  master_username    = "warehouse_admin"
}

resource "aws_redshift_cluster" "unencrypted" {
  cluster_identifier = "warehouse-unencrypted"
  node_type          = "ra3.xlplus"
  master_username    = "warehouse_admin"
  encrypted          = false
}

# Encrypted with the AWS-managed aws/redshift key.
resource "aws_redshift_cluster" "aws_managed_key" {
  cluster_identifier = "warehouse-aws-key"
  node_type          = "ra3.xlplus"
  master_username    = "warehouse_admin"
  encrypted          = true
}

resource "aws_redshift_cluster" "customer_key" {
  cluster_identifier = "warehouse-cmk"
  node_type          = "ra3.xlplus"
  master_username    = "warehouse_admin"
  encrypted          = true
  kms_key_id         = aws_kms_key.warehouse.arn
}

module "redshift" {
  source = "./modules/redshift"

  cluster_identifier = "analytics"
}
