variable "db_password" {
  default = "Aa1234321Bb"
}

variable "statement_effect" {
  type = string
}

resource "aws_db_instance" "default" {
  identifier        = "shop"
  engine            = "mysql"
  storage_encrypted = true
}

# The endpoint is known only after apply; the password written below it is known now.
resource "aws_instance" "wordpress" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    echo "define('DB_HOST', '${aws_db_instance.default.endpoint}');" >> wp-config.php
    echo "define('DB_PASSWORD', '${var.db_password}');" >> wp-config.php
  EOT
}

# Nothing secret in the known text, but the unknown part could hold anything.
resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    echo "DB_HOST=${aws_db_instance.default.endpoint}" >> /etc/worker.env
  EOT
}

resource "aws_s3_bucket" "statements" {
  bucket = "payments-statements"
  tags   = { DataClassification = "cardholder" }
}

resource "aws_s3_bucket_policy" "statements" {
  bucket = aws_s3_bucket.statements.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": ["${aws_s3_bucket.statements.arn}", "${aws_s3_bucket.statements.arn}/*"],
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
      ]
    }
  EOT
}

resource "aws_s3_bucket" "exports" {
  bucket = "payments-exports"
  tags   = { DataClassification = "cardholder" }
}

# Whether the statement denies is not in the code: it stays an error.
resource "aws_s3_bucket_policy" "exports" {
  bucket = aws_s3_bucket.exports.id
  policy = <<-EOT
    {
      "Statement": [
        {
          "Effect": "${var.statement_effect}",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": "${aws_s3_bucket.exports.arn}/*",
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
      ]
    }
  EOT
}

resource "random_pet" "this" {
  length = 2
}

resource "aws_s3_bucket_replication_configuration" "statements" {
  role   = "arn:aws:iam::111122223333:role/replication"
  bucket = aws_s3_bucket.statements.id
  rule {
    status = "Enabled"
    destination {
      bucket = "arn:aws:s3:::replica-${random_pet.this.id}"
    }
  }
}
