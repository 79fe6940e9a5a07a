provider "aws" {
  region = "eu-west-1"
}

variable "direct_internet_access" {
  description = "Module-style input, defaulting to the VPC path."
  type        = string
  default     = "Disabled"
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "fraud-research"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-0a1b2c3d4e5f60718"
  security_groups        = ["sg-0123456789abcdef0"]
  direct_internet_access = "Disabled"
}

resource "aws_sagemaker_notebook_instance" "scoring" {
  name                   = "risk-scoring"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type          = "ml.t3.large"
  subnet_id              = "subnet-0a1b2c3d4e5f60718"
  security_groups        = ["sg-0123456789abcdef0"]
  direct_internet_access = "Disabled"
}

resource "aws_sagemaker_notebook_instance" "analytics" {
  name                   = "chargeback-analytics"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-0a1b2c3d4e5f60718"
  security_groups        = ["sg-0123456789abcdef0"]
  direct_internet_access = var.direct_internet_access
}
