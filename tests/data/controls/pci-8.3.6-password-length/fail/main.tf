provider "aws" {
  region = "eu-west-1"
}

# One password policy per account, each through a provider that assumes a role there.
provider "aws" {
  alias  = "sandbox"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform"
  }
}

provider "aws" {
  alias  = "logging"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::777788889999:role/terraform"
  }
}

provider "aws" {
  alias  = "audit"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222233334444:role/terraform"
  }
}

variable "minimum_password_length" {
  type    = number
  default = 10
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = 8
  require_numbers              = true
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols              = true
  password_reuse_prevention    = 24
  max_password_age             = 90
}

# Left implicit: the provider's minimum is 6 characters.
resource "aws_iam_account_password_policy" "implicit" {
  provider = aws.sandbox

  require_numbers              = true
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols              = true
  password_reuse_prevention    = 24
  max_password_age             = 90
}

resource "aws_iam_account_password_policy" "from_variable" {
  provider = aws.logging

  minimum_password_length      = var.minimum_password_length
  require_numbers              = true
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols              = true
  password_reuse_prevention    = 24
  max_password_age             = 90
}

# The module's default minimum is 8 characters.
module "iam_account" {
  source = "./modules/iam-account"

  providers = {
    aws = aws.audit
  }
}
