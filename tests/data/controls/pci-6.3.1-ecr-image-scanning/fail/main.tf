provider "aws" {
  region = "eu-west-1"
}

# Nothing set: tags are MUTABLE and images are not scanned.
resource "aws_ecr_repository" "defaults" {
  name = "payments-defaults"
}

resource "aws_ecr_repository" "unscanned" {
  name                 = "payments-unscanned"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = false
  }
}

resource "aws_ecr_repository" "mutable" {
  name                 = "payments-mutable"
  image_tag_mutability = "MUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

module "ecr" {
  source = "./modules/ecr"

  repository_name               = "payments-api"
  repository_image_scan_on_push = false
}
