variable "project" {
  type    = string
  default = "payments"
}

variable "environment" {
  type    = string
  default = "staging"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "replica_region" {
  type    = string
  default = "eu-central-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.40.0.0/16"
}

variable "admin_cidr" {
  description = "Corporate VPN range allowed to reach the bastion."
  type        = string
  default     = "10.99.0.0/16"
}

variable "log_retention_days" {
  type    = number
  default = 365
}

variable "api_image" {
  type    = string
  default = "registry.example/payments-api:2.3.1"
}

variable "queues" {
  description = "Job queues and their visibility timeout in seconds."
  type        = map(number)
  default = {
    settlement = 300
    refunds    = 120
    chargeback = 600
  }
}

variable "certificate_arn" {
  type    = string
  default = "arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"
}

variable "rotation_lambda_arn" {
  type    = string
  default = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-postgres-user"
}

variable "extra_tags" {
  type    = map(string)
  default = {}
}
