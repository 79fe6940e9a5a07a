provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias   = "ci"
  region  = "eu-west-1"
  profile = "payments-ci"
}

provider "aws" {
  alias  = "deploy"
  region = "eu-west-1"
  assume_role {
    role_arn     = "arn:aws:iam::111122223333:role/deploy"
    session_name = "terraform"
  }
}

# CI's OIDC federation: the token is a file the runner writes, not a key in the code.
provider "aws" {
  alias  = "oidc"
  region = "eu-west-1"
  assume_role_with_web_identity {
    role_arn                = "arn:aws:iam::111122223333:role/github-deploy"
    web_identity_token_file = "/var/run/secrets/token"
  }
}

provider "aws" {
  alias                    = "shared"
  region                   = "eu-west-1"
  shared_credentials_files = ["~/.aws/credentials"]
  profile                  = "payments"
}

# An empty default sets no key: credentials come from the environment.
variable "ci_access_key" {
  type    = string
  default = ""
}

provider "aws" {
  alias      = "from_variables"
  region     = "eu-west-1"
  access_key = var.ci_access_key
}

module "legacy" {
  source = "./modules/legacy"
}
