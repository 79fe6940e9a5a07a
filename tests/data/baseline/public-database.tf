
# Appended to a copy of examples/terraform/insecure/data.tf: a database that meets every
# control but one (it is publicly accessible), so that a scan against a baseline of the
# example fails on this one finding alone.
resource "aws_db_instance" "reporting" {
  identifier                          = "reporting"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 20
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.data.arn
  publicly_accessible                 = true
  backup_retention_period             = 7
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  tags                                = { DataClassification = "cardholder" }
}
