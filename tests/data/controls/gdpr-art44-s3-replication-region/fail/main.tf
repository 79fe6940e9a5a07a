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

resource "aws_s3_bucket" "archive_replica" {
  provider = aws.replica
  bucket   = "pay-archive-replica"
}

# The replication_configuration block inside aws_s3_bucket (deprecated since provider v4)
resource "aws_s3_bucket" "archive" {
  bucket = "pay-archive"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = "arn:aws:iam::111122223333:role/replication"
    rules {
      id     = "all"
      status = "Enabled"
      destination {
        bucket = aws_s3_bucket.archive_replica.arn
      }
    }
  }
}
