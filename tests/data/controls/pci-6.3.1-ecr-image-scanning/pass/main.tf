provider "aws" {
  region = "eu-west-1"
}

# No registry scanning rules in this configuration: each repository's scan_on_push decides.
resource "aws_ecr_repository" "scanned" {
  name                 = "payments-scanned"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

# The module's defaults: immutable tags, scan on push.
module "ecr" {
  source = "./modules/ecr"

  repository_name = "payments-api"
}
