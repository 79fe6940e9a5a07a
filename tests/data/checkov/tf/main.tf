resource "aws_s3_bucket" "statements" {
  bucket = "pay-statements"
}

resource "aws_db_instance" "ledger" {
  identifier          = "ledger"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  storage_encrypted   = false
  publicly_accessible = true
}

resource "aws_kms_key" "data" {
  description         = "payment data"
  enable_key_rotation = true
}
