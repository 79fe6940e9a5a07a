terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = local.common_tags
  }
}

# Disaster-recovery copy of customer statements; must stay inside the EU (GDPR Chapter V).
provider "aws" {
  alias  = "replica"
  region = var.replica_region
  default_tags {
    tags = local.common_tags
  }
}
