variable "readers" {
  type    = list(string)
  default = ["arn:aws:iam::111122223333:role/reporting"]
}

variable "extra_statements" {
  type = list(object({ actions = list(string) }))
}

resource "aws_s3_bucket" "reports" {
  bucket = "payments-reports"
}

data "aws_iam_policy_document" "known" {
  statement {
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.reports.arn}/*"]
    dynamic "principals" {
      for_each = var.readers
      content {
        type        = "AWS"
        identifiers = [principals.value]
      }
    }
  }
}

# Neither the statements nor their count are in the code: the document stays unknown.
data "aws_iam_policy_document" "unknown" {
  dynamic "statement" {
    for_each = var.extra_statements
    content {
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
}

data "aws_iam_policy_document" "unknown_principals" {
  source_policy_documents = [data.aws_iam_policy_document.known.json]
  statement {
    sid     = "Write"
    actions = ["s3:PutObject"]
    dynamic "principals" {
      for_each = var.extra_statements
      content {
        type        = "AWS"
        identifiers = principals.value.actions
      }
    }
  }
}

resource "aws_s3_bucket_policy" "known" {
  bucket = aws_s3_bucket.reports.id
  policy = data.aws_iam_policy_document.known.json
}

resource "aws_s3_bucket_policy" "unknown" {
  bucket = aws_s3_bucket.reports.id
  policy = data.aws_iam_policy_document.unknown.json
}

resource "aws_s3_bucket_policy" "merged" {
  bucket = aws_s3_bucket.reports.id
  policy = data.aws_iam_policy_document.unknown_principals.json
}

resource "aws_security_group" "ingress" {
  name = "reports"
  dynamic "ingress" {
    for_each = var.extra_statements
    content {
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  dynamic "egress" {
    for_each = 3
    content {
      from_port = 0
      to_port   = 0
      protocol  = "-1"
    }
  }
}

data "aws_iam_policy_document" "per_bucket" {
  for_each = { reports = "s3:GetObject", exports = "s3:PutObject" }
  statement {
    sid       = each.key
    actions   = [each.value]
    resources = ["arn:aws:s3:::payments-${each.key}/*"]
  }
}

locals {
  per_bucket_actions = [for name, doc in data.aws_iam_policy_document.per_bucket : jsondecode(doc.json).Statement[0].Action]
  exports_sid        = jsondecode(data.aws_iam_policy_document.per_bucket["exports"].json).Statement[0].Sid
}
