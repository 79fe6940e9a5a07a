provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

variable "dr_region" {
  type    = string
  default = "eu-north-1"
}

provider "aws" {
  alias  = "from_variable"
  region = var.dr_region
}

locals {
  home_region = "eu-west-3"
}

provider "aws" {
  alias  = "from_local"
  region = local.home_region
}

module "legacy" {
  source = "./modules/legacy"
}

# AWS provider v6: a resource's own region argument overrides its provider's.
resource "aws_s3_bucket" "stockholm" {
  bucket = "pay-exports-stockholm"
  region = "eu-north-1"
}

resource "aws_s3_bucket" "home" {
  bucket = "pay-exports"
}
