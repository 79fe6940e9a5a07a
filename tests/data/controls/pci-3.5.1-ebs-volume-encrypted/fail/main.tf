provider "aws" {
  region = "eu-west-1"
}

resource "aws_ebs_volume" "batch" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = false
}
