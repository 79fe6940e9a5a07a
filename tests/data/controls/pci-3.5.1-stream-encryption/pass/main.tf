provider "aws" {
  region = "eu-west-1"
}

variable "stream_kms_key_id" {
  description = "Customer-managed key for the stream"
  type        = string
  default     = "alias/payments-events"
}

resource "aws_kms_key" "events" {
  description         = "Payment events"
  enable_key_rotation = true
}

resource "aws_kms_alias" "events" {
  name          = "alias/payments-streams"
  target_key_id = aws_kms_key.events.key_id
}

resource "aws_iam_role" "firehose" {
  name = "payments-firehose"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "firehose.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_kinesis_stream" "customer_key" {
  name            = "authorizations"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.events.arn
}

resource "aws_kinesis_stream" "customer_alias" {
  name            = "refunds"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = aws_kms_alias.events.name
}

# A key outside the configuration, named by its ARN.
resource "aws_kinesis_stream" "literal_key_arn" {
  name            = "chargebacks"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000004"
}

# Module style: the key arrives through a variable's default.
resource "aws_kinesis_stream" "key_by_variable" {
  name            = "settlements"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = var.stream_kms_key_id
}

resource "aws_kinesis_firehose_delivery_stream" "direct_put_customer_key" {
  name        = "payments-audit"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.events.arn
  }

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = "arn:aws:s3:::payments-audit-archive"
  }
}

# key_type left unset: AWS_OWNED_CMK, which this control accepts for Firehose.
resource "aws_kinesis_firehose_delivery_stream" "direct_put_default_key" {
  name        = "payments-metrics"
  destination = "extended_s3"

  server_side_encryption {
    enabled = true
  }

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = "arn:aws:s3:::payments-metrics-archive"
  }
}

# Fed by an encrypted Kinesis data stream: Firehose keeps nothing at rest itself.
resource "aws_kinesis_firehose_delivery_stream" "from_encrypted_stream" {
  name        = "authorizations-archive"
  destination = "extended_s3"

  kinesis_source_configuration {
    kinesis_stream_arn = aws_kinesis_stream.customer_key.arn
    role_arn           = aws_iam_role.firehose.arn
  }

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = "arn:aws:s3:::authorizations-archive"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "from_msk" {
  name        = "ledger-archive"
  destination = "extended_s3"

  msk_source_configuration {
    msk_cluster_arn = aws_msk_cluster.explicit_tls.arn
    topic_name      = "ledger"
    authentication_configuration {
      connectivity = "PRIVATE"
      role_arn     = aws_iam_role.firehose.arn
    }
  }

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = "arn:aws:s3:::ledger-archive"
  }
}

resource "aws_msk_cluster" "explicit_tls" {
  cluster_name           = "ledger-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712", "subnet-0a1b2c3d4e5f60713"]
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.events.arn
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }
}

# No encryption_info: storage encrypted with the AWS-managed key, TLS only, in-cluster encryption.
resource "aws_msk_cluster" "provider_defaults" {
  cluster_name           = "payments-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712", "subnet-0a1b2c3d4e5f60713"]
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }
}

# Only the at-rest key declared: in-transit settings keep their TLS defaults.
resource "aws_msk_cluster" "at_rest_key_only" {
  cluster_name           = "refund-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712", "subnet-0a1b2c3d4e5f60713"]
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.events.arn
  }
}
