provider "aws" {
  region = "eu-west-1"
}

# Nothing set: the provider leaves encrypted false.
resource "aws_efs_file_system" "exports" {
  creation_token   = "payments-exports"
  performance_mode = "generalPurpose"

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  tags = {
    Name               = "payments-exports"
    DataClassification = "cardholder"
  }
}

resource "aws_efs_file_system" "kyc_documents" {
  creation_token = "kyc-documents"
  encrypted      = false

  tags = {
    DataClassification = "personal"
  }
}

# Not tagged as holding cardholder or personal data: not judged.
resource "aws_efs_file_system" "build_cache" {
  creation_token = "ci-build-cache"
}
