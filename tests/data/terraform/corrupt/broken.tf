resource "aws_s3_bucket" "lost" {
  bucket = "lost"
  acl = = "private"
}
