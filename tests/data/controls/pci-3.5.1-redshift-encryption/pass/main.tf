provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "warehouse" {
  description         = "warehouse"
  enable_key_rotation = true
}

resource "aws_redshift_cluster" "customer_key" {
  cluster_identifier = "warehouse-cmk"
  node_type          = "ra3.xlplus"
  master_username    = "warehouse_admin"
  encrypted          = true
  kms_key_id         = aws_kms_key.warehouse.arn
}

# A key named by its ARN.
resource "aws_redshift_cluster" "key_arn" {
  cluster_identifier = "warehouse-key-arn"
  node_type          = "ra3.xlplus"
  master_username    = "warehouse_admin"
  encrypted          = "true"
  kms_key_id         = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
}

module "redshift" {
  source = "./modules/redshift"

  cluster_identifier = "analytics"
  kms_key_arn        = aws_kms_key.warehouse.arn
}
