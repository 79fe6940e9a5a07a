/*
An old call, commented out: the folder it names is still a root of its own.
module "old" {
  source = "../other"
}
*/

provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
