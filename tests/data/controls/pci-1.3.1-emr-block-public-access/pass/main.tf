provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

# On, with no permitted range: EMR removes the default port 22 exception.
resource "aws_emr_block_public_access_configuration" "this" {
  block_public_security_group_rules = true
}

resource "aws_emr_block_public_access_configuration" "frankfurt" {
  provider = aws.frankfurt

  block_public_security_group_rules = true
}
