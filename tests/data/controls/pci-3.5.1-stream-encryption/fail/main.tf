provider "aws" {
  region = "eu-west-1"
}

variable "stream_encryption_type" {
  description = "NONE or KMS"
  type        = string
  default     = "NONE"
}

resource "aws_kms_key" "events" {
  description         = "Payment events"
  enable_key_rotation = true
}

resource "aws_iam_role" "firehose" {
  name = "payments-firehose"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "firehose.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# encryption_type left unset: the provider's default is NONE.
resource "aws_kinesis_stream" "unencrypted" {
  name             = "authorizations"
  shard_count      = 1
  retention_period = 48
}

# Module style: a key is named, but encryption stays off through a variable's default.
resource "aws_kinesis_stream" "encryption_by_variable" {
  name            = "chargebacks"
  shard_count     = 1
  encryption_type = var.stream_encryption_type
  kms_key_id      = aws_kms_key.events.arn
}

# Compliant, in the failing folder: it must still pass.
resource "aws_kinesis_stream" "customer_key" {
  name            = "settlements"
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.events.arn

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

# Direct PUT without a server_side_encryption block.
resource "aws_kinesis_firehose_delivery_stream" "direct_put_plain" {
  name        = "payments-audit"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = "arn:aws:s3:::payments-audit-archive"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "sse_disabled" {
  name        = "payments-metrics"
  destination = "extended_s3"

  server_side_encryption {
    enabled = false
  }

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = "arn:aws:s3:::payments-metrics-archive"
  }
}

# Fed by a Kinesis data stream that is not encrypted.
resource "aws_kinesis_firehose_delivery_stream" "from_unencrypted_stream" {
  name        = "authorizations-archive"
  destination = "extended_s3"

  kinesis_source_configuration {
    kinesis_stream_arn = aws_kinesis_stream.unencrypted.arn
    role_arn           = aws_iam_role.firehose.arn
  }

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = "arn:aws:s3:::authorizations-archive"
  }
}

resource "aws_msk_cluster" "client_plaintext" {
  cluster_name           = "payments-events"
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
      client_broker = "TLS_PLAINTEXT"
    }
  }
}

resource "aws_msk_cluster" "in_cluster_plaintext" {
  cluster_name           = "ledger-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712", "subnet-0a1b2c3d4e5f60713"]
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = false
    }
  }
}
