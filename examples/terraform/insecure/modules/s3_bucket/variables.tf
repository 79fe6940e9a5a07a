variable "name" {
  type = string
}

variable "classification" {
  description = "DataClassification tag: cardholder, personal or internal."
  type        = string
}

variable "sse_algorithm" {
  type    = string
  default = "AES256"
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "versioning" {
  type    = string
  default = "Enabled"
}

variable "access_logs" {
  description = "Where this bucket's server access logs go (a bucket in the same region)."
  type        = object({ bucket = string })
  default     = null
}

variable "log_writer" {
  description = "Service principal allowed to deliver logs into this bucket."
  type        = string
  default     = null
}

variable "enforce_tls" {
  type    = bool
  default = false
}

variable "read_accounts" {
  description = "Other AWS accounts allowed to read objects."
  type        = list(string)
  default     = []
}

variable "archive_after_days" {
  type = number
}
