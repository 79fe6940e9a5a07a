provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias      = "legacy"
  region     = "eu-west-1"
  access_key = "AKIAEXAMPLEEXAMPLE00"
  secret_key = "fake-secret-for-tests-only"
}

# Keys from a variable's default are written in the code all the same.
variable "ci_access_key" {
  type    = string
  default = "AKIAEXAMPLEEXAMPLE01"
}

variable "ci_secret_key" {
  type      = string
  default   = "fake-secret-for-tests-only"
  sensitive = true
}

provider "aws" {
  alias      = "from_variables"
  region     = "eu-west-1"
  access_key = var.ci_access_key
  secret_key = var.ci_secret_key
}

locals {
  session = {
    access_key = "ASIAEXAMPLEEXAMPLE02"
    secret_key = "fake-secret-for-tests-only"
    token      = "fake-session-token-for-tests-only"
  }
}

# Temporary credentials with their session token, through a local.
provider "aws" {
  alias      = "session"
  region     = "eu-west-1"
  access_key = local.session.access_key
  secret_key = local.session.secret_key
  token      = local.session.token
}

# A web identity token pasted into the block instead of read from a file.
provider "aws" {
  alias  = "oidc"
  region = "eu-west-1"
  assume_role_with_web_identity {
    role_arn           = "arn:aws:iam::111122223333:role/github-deploy"
    web_identity_token = "fake-web-identity-token-for-tests-only"
  }
}

# A legacy module that configures its own provider with keys.
module "legacy" {
  source = "./modules/legacy"
}
