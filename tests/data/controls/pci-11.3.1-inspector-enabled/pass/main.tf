provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

data "aws_caller_identity" "current" {}

variable "inspector_resource_types" {
  description = "Resource types Inspector scans."
  type        = list(string)
  default     = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"]
}

resource "aws_inspector2_enabler" "this" {
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = var.inspector_resource_types
}

resource "aws_inspector2_enabler" "frankfurt" {
  provider       = aws.frankfurt
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = ["LAMBDA", "EC2", "ECR"]
}

# Not created at all (count = 0): nothing to judge.
resource "aws_inspector2_enabler" "optional" {
  count          = 0
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = ["ECR"]
}
