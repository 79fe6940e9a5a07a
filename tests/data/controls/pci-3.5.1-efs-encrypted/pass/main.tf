provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "efs" {
  description         = "EFS payments exports"
  enable_key_rotation = true
}

resource "aws_efs_file_system" "exports" {
  creation_token   = "payments-exports"
  performance_mode = "generalPurpose"
  encrypted        = true
  kms_key_id       = aws_kms_key.efs.arn

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  tags = {
    Name               = "payments-exports"
    DataClassification = "cardholder"
  }
}

# Encrypted under the AWS-managed aws/elasticfilesystem key.
resource "aws_efs_file_system" "kyc_documents" {
  creation_token = "kyc-documents"
  encrypted      = true

  tags = {
    DataClassification = "personal"
  }
}
