provider "aws" {
  region = "eu-west-1"
}

resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "packages" {
  name     = "install-packages"
  on_start = base64encode("#!/bin/bash\nsudo -u ec2-user -i pip install --quiet pandas\n")
}

# Packages come from the lifecycle configuration, which runs as root.
resource "aws_sagemaker_notebook_instance" "research" {
  name                  = "fraud-research"
  role_arn              = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type         = "ml.t3.medium"
  root_access           = "Disabled"
  lifecycle_config_name = aws_sagemaker_notebook_instance_lifecycle_configuration.packages.name
}

resource "aws_sagemaker_notebook_instance" "scoring" {
  name                   = "risk-scoring"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type          = "ml.t3.large"
  subnet_id              = "subnet-0a1b2c3d4e5f60718"
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
}
