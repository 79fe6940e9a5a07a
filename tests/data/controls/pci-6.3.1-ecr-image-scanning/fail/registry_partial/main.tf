provider "aws" {
  region = "eu-west-1"
}

# Registry rules exist but match only the sandbox repositories: AWS sets every other repository
# to manual scanning, whatever its own scan_on_push says.
resource "aws_ecr_registry_scanning_configuration" "sandbox_only" {
  scan_type = "BASIC"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "sandbox-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "overridden" {
  name                 = "payments-ledger"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
