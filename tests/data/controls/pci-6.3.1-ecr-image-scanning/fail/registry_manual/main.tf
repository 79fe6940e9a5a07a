provider "aws" {
  region = "eu-west-1"
}

# A registry rule for every repository, but at MANUAL frequency: nothing is scanned unless
# someone starts a scan.
module "registry" {
  source = "../modules/ecr"

  create_repository                      = false
  manage_registry_scanning_configuration = true
  registry_scan_type                     = "BASIC"
  registry_scan_rules = [
    { scan_frequency = "MANUAL", filter = "*" },
  ]
}

resource "aws_ecr_repository" "manual_only" {
  name                 = "payments-reports"
  image_tag_mutability = "IMMUTABLE"
}
