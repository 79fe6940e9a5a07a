# A module as a registry would publish it: the tests serve it from a git repository.
variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

module "logs" {
  source = "./modules/bucket"
  name   = "${var.name}-logs"
}
