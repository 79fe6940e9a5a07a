provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "ledger" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
  storage_encrypted   = false
}
