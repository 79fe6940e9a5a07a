provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "search" {
  description         = "search"
  enable_key_rotation = true
}

resource "aws_opensearch_domain" "customer_key" {
  domain_name    = "support-cmk"
  engine_version = "OpenSearch_2.11"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.search.key_id
  }
}

resource "aws_elasticsearch_domain" "customer_key" {
  domain_name           = "legacy-cmk"
  elasticsearch_version = "7.10"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
  }
}

module "opensearch" {
  source = "./modules/opensearch"

  domain_name     = "fraud"
  encrypt_at_rest = { kms_key_id = aws_kms_key.search.arn }
}
