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

variable "require_numbers" {
  type    = bool
  default = false
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = 14
  require_numbers              = false
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols              = true
  password_reuse_prevention    = 24
  max_password_age             = 90
}

# Left implicit: the provider requires neither numbers nor letters.
resource "aws_iam_account_password_policy" "implicit" {
  provider = aws.sandbox

  minimum_password_length   = 14
  password_reuse_prevention = 24
  max_password_age          = 90
}

resource "aws_iam_account_password_policy" "from_variable" {
  provider = aws.logging

  minimum_password_length      = 14
  require_numbers              = var.require_numbers
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols              = true
  password_reuse_prevention    = 24
  max_password_age             = 90
}

# Numbers but no letters.
module "iam_account" {
  source                       = "./modules/iam-account"
  require_lowercase_characters = false
  require_uppercase_characters = false

  providers = {
    aws = aws.audit
  }
}
