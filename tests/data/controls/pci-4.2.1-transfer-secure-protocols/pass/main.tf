provider "aws" {
  region = "eu-west-1"
}

variable "security_policy_name" {
  description = "Security policy of the settlement server"
  type        = string
  default     = "TransferSecurityPolicy-2024-01"
}

# protocols left unset: the provider's default is ["SFTP"].
resource "aws_transfer_server" "sftp_default_protocols" {
  identity_provider_type = "SERVICE_MANAGED"
  security_policy_name   = "TransferSecurityPolicy-2023-05"
}

resource "aws_transfer_server" "sftp_and_ftps" {
  identity_provider_type = "SERVICE_MANAGED"
  endpoint_type          = "VPC"
  protocols              = ["SFTP", "FTPS"]
  certificate            = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000001"
  security_policy_name   = "TransferSecurityPolicy-FIPS-2024-01"

  endpoint_details {
    vpc_id     = "vpc-0a1b2c3d4e5f60718"
    subnet_ids = ["subnet-0a1b2c3d4e5f60718"]
  }
}

# Module style: the policy arrives through a variable's default.
resource "aws_transfer_server" "policy_by_variable" {
  identity_provider_type = "SERVICE_MANAGED"
  protocols              = ["SFTP"]
  security_policy_name   = var.security_policy_name
}

resource "aws_transfer_server" "restricted" {
  identity_provider_type = "SERVICE_MANAGED"
  security_policy_name   = "TransferSecurityPolicy-Restricted-2024-06"
}
