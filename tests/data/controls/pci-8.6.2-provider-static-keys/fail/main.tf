provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias      = "legacy"
  region     = "eu-west-1"
  access_key = "AKIAEXAMPLEEXAMPLE00"
  secret_key = "fake-secret-for-tests-only"
}
