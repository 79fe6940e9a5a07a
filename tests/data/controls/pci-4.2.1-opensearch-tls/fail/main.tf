provider "aws" {
  region = "eu-west-1"
}

# No endpoint options: the service keeps its own TLS policy; node-to-node encryption is off.
resource "aws_opensearch_domain" "defaults" {
  domain_name    = "support-defaults"
  engine_version = "OpenSearch_2.11"
}

resource "aws_opensearch_domain" "http_allowed" {
  domain_name    = "support-http"
  engine_version = "OpenSearch_2.11"

  domain_endpoint_options {
    enforce_https       = false
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }

  node_to_node_encryption {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "tls_1_0" {
  domain_name           = "legacy-tls10"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }

  node_to_node_encryption {
    enabled = true
  }
}

# HTTPS enforced by the block's default, but no policy named.
resource "aws_opensearch_domain" "no_policy" {
  domain_name    = "support-no-policy"
  engine_version = "OpenSearch_2.11"

  domain_endpoint_options {
    enforce_https = true
  }

  node_to_node_encryption {
    enabled = true
  }
}

resource "aws_opensearch_domain" "nodes_in_clear" {
  domain_name    = "support-nodes"
  engine_version = "OpenSearch_2.11"

  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  node_to_node_encryption {
    enabled = false
  }
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

# Through the module, node-to-node encryption switched off.
module "opensearch" {
  source = "./modules/opensearch"

  domain_name             = "fraud"
  node_to_node_encryption = { enabled = false }
}
