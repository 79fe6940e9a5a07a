# The shape of terraform-aws-modules/s3-bucket: the TLS-only statement is an opt-in input,
# merged with the other policies by a combining aws_iam_policy_document.
variable "bucket" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "attach_deny_insecure_transport_policy" {
  type    = bool
  default = false
}

variable "policy" {
  type    = string
  default = null
}

locals {
  attach_policy = var.attach_deny_insecure_transport_policy || var.policy != null
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket
  tags   = var.tags
}

data "aws_iam_policy_document" "deny_insecure_transport" {
  count = var.attach_deny_insecure_transport_policy ? 1 : 0

  statement {
    sid     = "denyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this.arn,
      "${aws_s3_bucket.this.arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  count = local.attach_policy ? 1 : 0

  # The module itself uses compact([...]) over "" placeholders, which is unknown before apply
  # when a document has parts known only after apply; concat keeps the document readable.
  source_policy_documents = concat(
    var.attach_deny_insecure_transport_policy ? [data.aws_iam_policy_document.deny_insecure_transport[0].json] : [],
    var.policy != null ? [var.policy] : [],
  )
}

resource "aws_s3_bucket_policy" "this" {
  count = local.attach_policy ? 1 : 0

  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.combined[0].json
}
