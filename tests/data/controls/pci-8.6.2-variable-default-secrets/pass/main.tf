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

# Switches, numbers and lists named after passwords are no secrets (terraform-aws-modules/rds).
variable "manage_master_user_password" {
  description = "Set to true to allow RDS to manage the master user password in Secrets Manager"
  type        = bool
  default     = true
}

variable "manage_master_user_password_rotation" {
  type    = bool
  default = false
}

# Written as a string in the old style: Terraform holds it as the bool it is declared.
variable "create_random_password" {
  type    = bool
  default = "true"
}

variable "random_password_length" {
  type    = number
  default = 16
}

variable "task_exec_secret_arns" {
  type    = list(string)
  default = []
}

variable "master_user_secret_kms_key_id" {
  type    = string
  default = null
}

# Identifiers of secrets, not secrets.
variable "db_secret_name" {
  type    = string
  default = "payments/ledger-db"
}

# An empty string holds no secret.
variable "password" {
  type    = string
  default = ""
}

# A map with empty secret values, and a map without secret-like keys.
variable "database" {
  type = object({
    username = string
    password = string
  })
  default = {
    username = "ledger_admin"
    password = ""
  }
}

variable "secret_tags" {
  type    = map(string)
  default = { Team = "payments" }
}
