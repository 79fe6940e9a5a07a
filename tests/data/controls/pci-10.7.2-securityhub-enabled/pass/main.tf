provider "aws" {
  region = "eu-west-1"
}

# enable_default_standards left at its default (true): Foundational Security Best Practices
# and CIS AWS Foundations are subscribed.
resource "aws_securityhub_account" "main" {}
