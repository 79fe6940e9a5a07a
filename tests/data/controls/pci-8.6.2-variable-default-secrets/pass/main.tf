provider "aws" {
  region = "eu-west-1"
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "environment" {
  default = "prod"
}

variable "ci_access_key" {
  type      = string
  sensitive = true
}

variable "ssh_key_name" {
  default = "payments-deploy"
}
