resource "aws_db_subnet_group" "main" {
  name       = "${local.name}-db"
  subnet_ids = aws_subnet.public[*].id
}

resource "aws_db_instance" "payments" {
  identifier              = "${local.name}-payments"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  db_subnet_group_name    = aws_db_subnet_group.main.name
  vpc_security_group_ids  = [aws_security_group.database.id]
  username                = "payments_admin"
  password                = var.db_password
  storage_encrypted       = false
  publicly_accessible     = true
  backup_retention_period = 1
  skip_final_snapshot     = true
  tags                    = { DataClassification = "cardholder" }
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier                  = "${local.name}-ledger"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.2"
  master_username                     = "ledger_admin"
  master_password                     = var.db_password
  db_subnet_group_name                = aws_db_subnet_group.main.name
  vpc_security_group_ids              = [aws_security_group.database.id]
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.data.arn
  backup_retention_period             = 7
  deletion_protection                 = true
  iam_database_authentication_enabled = false
  tags                                = { DataClassification = "cardholder" }
}

resource "aws_rds_cluster_instance" "ledger" {
  count               = 2
  identifier          = "${local.name}-ledger-${count.index}"
  cluster_identifier  = aws_rds_cluster.ledger.id
  engine              = aws_rds_cluster.ledger.engine
  instance_class      = "db.r6g.large"
  publicly_accessible = false
}

resource "aws_elasticache_subnet_group" "main" {
  name       = "${local.name}-cache"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "${local.name}-sessions"
  description                = "Checkout sessions"
  engine                     = "redis"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  subnet_group_name          = aws_elasticache_subnet_group.main.name
  security_group_ids         = [aws_security_group.cache.id]
  at_rest_encryption_enabled = false
  transit_encryption_enabled = false
  tags                       = { DataClassification = "personal" }
}

resource "aws_dynamodb_table" "idempotency" {
  name         = "${local.name}-idempotency"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "idempotency_key"

  attribute {
    name = "idempotency_key"
    type = "S"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  tags = { DataClassification = "internal" }
}

resource "aws_secretsmanager_secret" "db_password" {
  name = "${local.name}/db/payments-app"
}

resource "aws_secretsmanager_secret_version" "db_password" {
  secret_id     = aws_secretsmanager_secret.db_password.id
  secret_string = jsonencode({ username = "payments_admin", password = var.db_password })
}

resource "aws_ssm_parameter" "smoke_test_card" {
  name  = "/${local.name}/smoke-test/card"
  type  = "String"
  value = "4111 1111 1111 1111"
}
