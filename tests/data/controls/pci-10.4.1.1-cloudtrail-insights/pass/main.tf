provider "aws" {
  region = "eu-west-1"
}

variable "error_insights" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "organization" {
  name                  = "organization"
  s3_bucket_name        = "pay-cloudtrail"
  is_multi_region_trail = true

  insight_selector {
    insight_type = "ApiCallRateInsight"
  }

  insight_selector {
    insight_type = "ApiErrorRateInsight"
  }
}

resource "aws_cloudtrail" "payments" {
  name                  = "payments"
  s3_bucket_name        = "pay-cloudtrail"
  is_multi_region_trail = true

  insight_selector {
    insight_type = "ApiCallRateInsight"
  }

  dynamic "insight_selector" {
    for_each = var.error_insights ? ["ApiErrorRateInsight"] : []
    content {
      insight_type = insight_selector.value
    }
  }
}

resource "aws_cloudtrail" "sandbox" {
  name           = "sandbox"
  s3_bucket_name = "pay-cloudtrail"
}
