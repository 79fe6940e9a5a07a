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

# A number given for a string variable is the string "1234": a PIN all the same.
variable "terminal_pin_token" {
  type    = string
  default = 1234
}

# Credentials in a map or object default, whatever the variable is called.
variable "database" {
  type = object({
    username = string
    password = string
  })
  default = {
    username = "ledger_admin"
    password = "fake-password-for-tests"
  }
}

variable "task_environment" {
  type = map(string)
  default = {
    LOG_LEVEL   = "info"
    DB_PASSWORD = "fake-password-for-tests"
  }
}

# A switch and a list beside the failing ones keep passing.
variable "manage_master_user_password" {
  type    = bool
  default = true
}

# A setting about a key, not a key (terraform-aws-modules/key-pair): not judged at all.
variable "private_key_algorithm" {
  type    = string
  default = "RSA"
}
