provider "aws" {
  region = "eu-west-1"
}

variable "db_password" {
  type    = string
  default = "fake-password-for-tests"
}

variable "ci_access_key" {
  type    = string
  default = "fake-access-key-for-tests"
}
