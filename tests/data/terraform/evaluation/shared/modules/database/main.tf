variable "encrypted" {
  type = bool
}

resource "aws_db_instance" "this" {
  identifier          = "ledger"
  engine              = "postgres"
  storage_encrypted   = var.encrypted
  publicly_accessible = false
}
