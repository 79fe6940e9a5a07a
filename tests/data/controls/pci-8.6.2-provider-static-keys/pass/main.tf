provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias   = "ci"
  region  = "eu-west-1"
  profile = "payments-ci"
}
