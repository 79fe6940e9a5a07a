provider "aws" {
  region = "eu-central-1"
}

# The console's default: on, but SSH from anywhere still permitted.
resource "aws_emr_block_public_access_configuration" "ssh_permitted" {
  block_public_security_group_rules = true

  permitted_public_security_group_rule_range {
    min_range = 22
    max_range = 22
  }

  permitted_public_security_group_rule_range {
    min_range = 8443
    max_range = 8443
  }
}
