provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "search" {
  description         = "search"
  enable_key_rotation = true
}

resource "aws_opensearch_domain" "no_block" {
  domain_name    = "support-no-block"
  engine_version = "OpenSearch_2.11"
}

resource "aws_opensearch_domain" "disabled" {
  domain_name    = "support-disabled"
  engine_version = "OpenSearch_2.11"

  encrypt_at_rest {
    enabled    = false
    kms_key_id = aws_kms_key.search.arn
  }
}

# Encrypted with the AWS-managed aws/es key.
resource "aws_elasticsearch_domain" "aws_managed_key" {
  domain_name           = "legacy-aws-key"
  elasticsearch_version = "7.10"

  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_opensearch_domain" "customer_key" {
  domain_name    = "support-cmk"
  engine_version = "OpenSearch_2.11"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.search.key_id
  }
}

# The module's default encrypts with the AWS-managed key.
module "opensearch" {
  source = "./modules/opensearch"

  domain_name = "fraud"
}
