provider "aws" {
  region = "eu-west-1"
}

variable "kms_key_id" {
  description = "Module-style input: no key unless the caller gives one."
  type        = string
  default     = null
}

# No key: the volume is encrypted with a key the account does not control.
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "customer-research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type = "ml.t3.medium"
}

# An empty string sets no key.
resource "aws_sagemaker_notebook_instance" "churn" {
  name          = "churn-model"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type = "ml.t3.medium"
  kms_key_id    = ""
}

resource "aws_sagemaker_notebook_instance" "segments" {
  name          = "customer-segments"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type = "ml.t3.medium"
  kms_key_id    = var.kms_key_id
}
