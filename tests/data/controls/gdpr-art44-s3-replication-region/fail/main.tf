provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "replica"
  region = "us-east-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

variable "replica_regions" {
  type    = list(string)
  default = ["eu-central-1", "us-east-2"]
}

resource "aws_s3_bucket" "source" {
  bucket = "pay-statements"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "pay-statements-replica"
}

resource "aws_s3_bucket" "frankfurt" {
  provider = aws.frankfurt
  bucket   = "pay-statements-frankfurt"
}

# The replication configuration as its own resource (AWS provider v4+).
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

# Two rules, one of them to a bucket outside the allowed regions.
resource "aws_s3_bucket_replication_configuration" "two_rules" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id       = "eu"
    priority = 1
    status   = "Enabled"
    filter {
      prefix = "eu/"
    }
    destination {
      bucket = aws_s3_bucket.frankfurt.arn
    }
    delete_marker_replication {
      status = "Disabled"
    }
  }
  rule {
    id       = "us"
    priority = 2
    status   = "Enabled"
    filter {
      prefix = "us/"
    }
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
    delete_marker_replication {
      status = "Disabled"
    }
  }
}

# AWS provider v6: the destination bucket sets its own region.
resource "aws_s3_bucket" "oregon" {
  bucket = "pay-statements-oregon"
  region = "us-west-2"
}

resource "aws_s3_bucket_replication_configuration" "to_own_region" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    status = "Enabled"
    destination {
      bucket = aws_s3_bucket.oregon.arn
    }
  }
}

# Destination buckets made with for_each over a variable's regions; rules made with dynamic.
resource "aws_s3_bucket" "regional" {
  for_each = toset(var.replica_regions)
  bucket   = "pay-ledger-${each.key}"
  region   = each.key
}

resource "aws_s3_bucket" "ledger" {
  bucket = "pay-ledger"
}

resource "aws_s3_bucket_replication_configuration" "dynamic_rules" {
  bucket = aws_s3_bucket.ledger.id
  role   = "arn:aws:iam::111122223333:role/replication"
  dynamic "rule" {
    for_each = aws_s3_bucket.regional
    content {
      id     = rule.key
      status = "Enabled"
      destination {
        bucket = rule.value.arn
      }
    }
  }
}

# One replication configuration per source bucket with for_each; only "kyc" leaves the EU.
locals {
  replicated = {
    invoices = aws_s3_bucket.frankfurt.arn
    kyc      = aws_s3_bucket.replica.arn
  }
}

resource "aws_s3_bucket" "per_source" {
  for_each = local.replicated
  bucket   = "pay-${each.key}"
}

resource "aws_s3_bucket_replication_configuration" "per_source" {
  for_each = local.replicated
  bucket   = aws_s3_bucket.per_source[each.key].id
  role     = "arn:aws:iam::111122223333:role/replication"
  rule {
    status = "Enabled"
    destination {
      bucket = each.value
    }
  }
}

# The destination made in a module given the us-east-1 provider.
module "module_replica" {
  source    = "./modules/bucket"
  bucket    = "pay-reports-replica"
  providers = { aws = aws.replica }
}

resource "aws_s3_bucket_replication_configuration" "to_module" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    status = "Enabled"
    destination {
      bucket = module.module_replica.s3_bucket_arn
    }
  }
}

# A disabled rule copies nothing: only the enabled rule's destination (in the EU) counts.
resource "aws_s3_bucket_replication_configuration" "disabled_rule" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id       = "eu"
    priority = 1
    status   = "Enabled"
    filter {}
    destination {
      bucket = aws_s3_bucket.frankfurt.arn
    }
    delete_marker_replication {
      status = "Disabled"
    }
  }
  rule {
    id       = "us-paused"
    priority = 2
    status   = "Disabled"
    filter {}
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
    delete_marker_replication {
      status = "Disabled"
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
