provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "pay-trail"

}
