provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

# No region: it comes from AWS_REGION or the profile when applying, which the code does not show.
provider "aws" {
  alias = "from_environment"
}

variable "dr_region" {
  type    = string
  default = "us-west-2"
}

provider "aws" {
  alias  = "from_variable"
  region = var.dr_region
}

locals {
  home_region = "eu-central-1"
}

provider "aws" {
  alias  = "from_local"
  region = local.home_region
}

# A legacy module that configures its own provider.
module "legacy" {
  source = "./modules/legacy"
}

# AWS provider v6: a resource's own region argument overrides its provider's.
resource "aws_s3_bucket" "virginia" {
  bucket = "pay-exports-virginia"
  region = "us-east-1"
}

resource "aws_kms_key" "london" {
  description = "exports"
  region      = "eu-west-2"
}

# Takes the default provider's region, judged there.
resource "aws_s3_bucket" "home" {
  bucket = "pay-exports"
}
