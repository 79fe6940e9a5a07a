provider "aws" {
  region = "eu-west-1"
}

# Only an unused-access analyzer: it reports unused roles and keys, not access granted
# outside the account.
resource "aws_accessanalyzer_analyzer" "unused" {
  analyzer_name = "unused-access"
  type          = "ACCOUNT_UNUSED_ACCESS"

  configuration {
    unused_access {
      unused_access_age = 90
    }
  }
}
