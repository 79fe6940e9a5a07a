provider "aws" {
  region = "eu-west-1"
}

# Nothing set: root access is Enabled.
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "fraud-research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "scoring" {
  name                   = "risk-scoring"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type          = "ml.t3.large"
  subnet_id              = "subnet-0a1b2c3d4e5f60718"
  direct_internet_access = "Disabled"
  root_access            = "Enabled"
}

# A compliant neighbour: the fail folder is judged resource by resource.
resource "aws_sagemaker_notebook_instance" "locked" {
  name          = "ledger-locked"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
}
