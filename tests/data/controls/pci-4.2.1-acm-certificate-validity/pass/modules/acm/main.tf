# A trimmed copy of the usual ACM module: the key algorithm is an input with no opinion.
variable "domain_name" {
  type = string
}

variable "key_algorithm" {
  description = "Specifies the algorithm of the public and private key pair that your Amazon issued certificate uses to encrypt data"
  type        = string
  default     = null
}

variable "create_certificate" {
  type    = bool
  default = true
}

resource "aws_acm_certificate" "this" {
  count = var.create_certificate ? 1 : 0

  domain_name       = var.domain_name
  validation_method = "DNS"
  key_algorithm     = var.key_algorithm

  lifecycle {
    create_before_destroy = true
  }
}
