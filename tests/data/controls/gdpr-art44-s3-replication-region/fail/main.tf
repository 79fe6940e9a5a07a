provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "replica"
  region = "us-east-1"
}

resource "aws_s3_bucket" "source" {
  bucket = "pay-statements"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "pay-statements-replica"
}

resource "aws_s3_bucket_replication_configuration" "statements" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}
