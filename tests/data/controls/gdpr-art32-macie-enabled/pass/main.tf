provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

# status left at its default (ENABLED).
resource "aws_macie2_account" "main" {
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

resource "aws_macie2_account" "frankfurt" {
  provider = aws.frankfurt
  status   = "ENABLED"
}

# Not created at all (count = 0): nothing to judge.
resource "aws_macie2_account" "optional" {
  count  = 0
  status = "PAUSED"
}
