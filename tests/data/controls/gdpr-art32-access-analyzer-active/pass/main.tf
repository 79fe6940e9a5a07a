provider "aws" {
  region = "eu-west-1"
}

# type left at its default (ACCOUNT).
resource "aws_accessanalyzer_analyzer" "account" {
  analyzer_name = "account-external-access"
}

# An unused-access analyzer beside the external-access one.
resource "aws_accessanalyzer_analyzer" "unused" {
  analyzer_name = "unused-access"
  type          = "ACCOUNT_UNUSED_ACCESS"

  configuration {
    unused_access {
      unused_access_age = 90
    }
  }
}
