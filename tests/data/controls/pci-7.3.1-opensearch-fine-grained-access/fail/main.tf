provider "aws" {
  region = "eu-west-1"
}

# No advanced security options: every principal the access policy admits reads every index.
resource "aws_opensearch_domain" "defaults" {
  domain_name    = "payments-search"
  engine_version = "OpenSearch_2.11"
}

resource "aws_opensearch_domain" "switched_off" {
  domain_name    = "support-search"
  engine_version = "OpenSearch_2.11"

  advanced_security_options {
    enabled = false
  }
}

# Left in the migration mode: requests without credentials are let in.
resource "aws_elasticsearch_domain" "anonymous" {
  domain_name           = "legacy-search"
  elasticsearch_version = "7.10"

  advanced_security_options {
    enabled                = true
    anonymous_auth_enabled = true

    master_user_options {
      master_user_arn = "arn:aws:iam::123456789012:role/search-admin"
    }
  }
}

# Through the module, the block passed empty: none is written.
module "fraud" {
  source = "./modules/opensearch"

  domain_name               = "fraud-search"
  advanced_security_options = {}
}
