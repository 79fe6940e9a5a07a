provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "notebooks" {
  description         = "SageMaker notebook volumes"
  enable_key_rotation = true
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "customer-research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type = "ml.t3.medium"
  kms_key_id    = aws_kms_key.notebooks.arn
}

resource "aws_sagemaker_notebook_instance" "churn" {
  name          = "churn-model"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-notebook"
  instance_type = "ml.t3.medium"
  kms_key_id    = "arn:aws:kms:eu-west-1:123456789012:key/0b6f4c2e-8a1d-4e3f-9c7b-5d2a1e0f3b4c"
}
