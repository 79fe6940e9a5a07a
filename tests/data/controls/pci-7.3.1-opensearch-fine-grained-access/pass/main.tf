provider "aws" {
  region = "eu-west-1"
}

resource "aws_opensearch_domain" "payments" {
  domain_name    = "payments-search"
  engine_version = "OpenSearch_2.11"

  advanced_security_options {
    enabled                = true
    anonymous_auth_enabled = false

    master_user_options {
      master_user_arn = "arn:aws:iam::123456789012:role/search-admin"
    }
  }
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name           = "legacy-search"
  elasticsearch_version = "7.10"

  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
}

# The module's default: fine-grained access control on, anonymous users refused.
module "fraud" {
  source = "./modules/opensearch"

  domain_name = "fraud-search"
}
