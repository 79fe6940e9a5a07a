provider "aws" {
  region = "eu-west-1"
}

resource "aws_opensearch_domain" "strict" {
  domain_name    = "support-strict"
  engine_version = "OpenSearch_2.11"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  node_to_node_encryption {
    enabled = true
  }
}

# enforce_https left to its default (true) inside the block.
resource "aws_elasticsearch_domain" "tls_1_2" {
  domain_name           = "legacy-tls12"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }

  node_to_node_encryption {
    enabled = true
  }
}

# The module's defaults: HTTPS with Policy-Min-TLS-1-2-2019-07, nodes encrypted.
module "opensearch" {
  source = "./modules/opensearch"

  domain_name = "fraud"
}
