provider "aws" {
  region = "eu-west-1"
}

variable "protocols" {
  description = "Protocols the acquirer's batch job uses"
  type        = list(string)
  default     = ["SFTP", "FTP"]
}

# Neither protocols nor a policy declared: SFTP only, but under TransferSecurityPolicy-2018-11.
resource "aws_transfer_server" "provider_defaults" {
  identity_provider_type = "SERVICE_MANAGED"
}

resource "aws_transfer_server" "plain_ftp" {
  identity_provider_type = "SERVICE_MANAGED"
  endpoint_type          = "VPC"
  protocols              = ["FTP"]
  security_policy_name   = "TransferSecurityPolicy-2024-01"

  endpoint_details {
    vpc_id     = "vpc-0a1b2c3d4e5f60718"
    subnet_ids = ["subnet-0a1b2c3d4e5f60718"]
  }
}

# Module style: FTP arrives through a variable's default.
resource "aws_transfer_server" "ftp_by_variable" {
  identity_provider_type = "SERVICE_MANAGED"
  endpoint_type          = "VPC"
  protocols              = var.protocols
  security_policy_name   = "TransferSecurityPolicy-2023-05"
  certificate            = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000001"
}

resource "aws_transfer_server" "policy_2020" {
  identity_provider_type = "SERVICE_MANAGED"
  protocols              = ["SFTP"]
  security_policy_name   = "TransferSecurityPolicy-2020-06"
}

resource "aws_transfer_server" "fips_2020" {
  identity_provider_type = "SERVICE_MANAGED"
  security_policy_name   = "TransferSecurityPolicy-FIPS-2020-06"
}

resource "aws_transfer_server" "policy_2022" {
  identity_provider_type = "SERVICE_MANAGED"
  security_policy_name   = "TransferSecurityPolicy-2022-03"
}

# Compliant, in the failing folder: it must still pass.
resource "aws_transfer_server" "current" {
  identity_provider_type = "SERVICE_MANAGED"
  protocols              = ["SFTP"]
  security_policy_name   = "TransferSecurityPolicy-2024-01"
}
