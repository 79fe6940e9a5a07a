provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "replica"
  region = "eu-central-1"
}

module "storage" {
  source = "./modules/storage"
}

module "replica" {
  source    = "./modules/storage"
  providers = { aws = aws.replica }
}
