module "network" {
  source = "./modules/network"
  cidr   = "10.20.0.0/16"
}

resource "aws_db_instance" "ledger" {
  identifier        = "ledger"
  engine            = "postgres"
  storage_encrypted = true
}

resource "aws_security_group_rule" "db_from_vpc" {
  type              = "ingress"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  security_group_id = "sg-0123456789abcdef0"
  cidr_blocks       = [module.network.cidr_block]
  description       = "from ${aws_db_instance.ledger.identifier}"
}

resource "aws_security_group_rule" "db_from_endpoint" {
  type              = "ingress"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  security_group_id = "sg-0123456789abcdef0"
  cidr_blocks       = ["${aws_db_instance.ledger.endpoint}/32"]
}

resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "payments-logs-${count.index}"
}

locals {
  log_buckets = join(",", aws_s3_bucket.logs[*].bucket)
  log_ids     = join(",", aws_s3_bucket.logs[*].id)
  network     = [for name, value in module.network : value if name == "cidr_block"]
}

data "aws_vpc" "default" {
  default = true
}

data "aws_iam_role" "deployer" {
  name = "payments-deployer"
}

locals {
  default_cidr  = "${data.aws_vpc.default.cidr_block}/extra"
  deployer_name = data.aws_iam_role.deployer.name
}

resource "aws_s3_bucket" "by_name" {
  for_each = toset(["audit", "exports"])
  bucket   = "payments-${each.key}"
}

locals {
  by_name_buckets = [for name, bucket in aws_s3_bucket.by_name : bucket.bucket]
  by_name_arns    = [for bucket in aws_s3_bucket.by_name : bucket.arn]
}

resource "aws_db_instance" "reporting" {
  identifier        = "reporting"
  engine            = "postgres"
  storage_encrypted = true
  password          = "Zq8!reporting-db-pass"
}

resource "aws_instance" "reporter" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nexport PGHOST=${aws_db_instance.reporting.identifier} PGPASS=${aws_db_instance.reporting.password}\n"
}
