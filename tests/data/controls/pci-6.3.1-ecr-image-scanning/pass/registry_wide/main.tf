provider "aws" {
  region = "eu-west-1"
}

# Enhanced scanning of every repository, managed through the module.
module "registry" {
  source = "../modules/ecr"

  create_repository                      = false
  manage_registry_scanning_configuration = true
  registry_scan_rules = [
    { scan_frequency = "CONTINUOUS_SCAN", filter = "*" },
  ]
}

# No repository-level setting: the registry rule scans it.
resource "aws_ecr_repository" "covered" {
  name                 = "payments-ledger"
  image_tag_mutability = "IMMUTABLE"
}
