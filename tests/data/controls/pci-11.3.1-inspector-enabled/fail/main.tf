provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "paris"
  region = "eu-west-3"
}

data "aws_caller_identity" "current" {}

variable "inspector_resource_types" {
  description = "Resource types Inspector scans; the default leaves Lambda out."
  type        = list(string)
  default     = ["EC2", "ECR"]
}

# Instances and images, but no Lambda functions.
resource "aws_inspector2_enabler" "this" {
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = var.inspector_resource_types
}

# Only container images.
resource "aws_inspector2_enabler" "frankfurt" {
  provider       = aws.frankfurt
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = ["ECR"]
}

# Lambda code scanning is not Lambda standard (package) scanning, and EC2 is left out.
resource "aws_inspector2_enabler" "paris" {
  provider       = aws.paris
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = ["ECR", "LAMBDA_CODE"]
}
