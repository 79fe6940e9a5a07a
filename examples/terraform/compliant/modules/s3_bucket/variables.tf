variable "name" {
  type = string
}

variable "classification" {
  description = "DataClassification tag: cardholder, personal or internal."
  type        = string
}

variable "sse_algorithm" {
  description = "aws:kms, or AES256 for buckets that receive S3 server access logs."
  type        = string
  default     = "aws:kms"
}

variable "kms_key_arn" {
  type    = string
  default = null
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

variable "expiration_days" {
  type = number
}

variable "object_lock_days" {
  description = "Lock every new object version in COMPLIANCE mode for this many days."
  type        = number
  default     = null
}
