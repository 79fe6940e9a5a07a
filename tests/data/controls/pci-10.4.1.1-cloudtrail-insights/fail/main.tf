provider "aws" {
  region = "eu-west-1"
}

variable "error_insights" {
  type    = bool
  default = false
}

# Left without insight selectors: nothing reads the events for unusual rates.
resource "aws_cloudtrail" "organization" {
  name                  = "organization"
  s3_bucket_name        = "pay-cloudtrail"
  is_multi_region_trail = true
}

# Call rates only: a surge of AccessDenied answers goes unnoticed.
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

# A single-region trail is not judged.
resource "aws_cloudtrail" "sandbox" {
  name           = "sandbox"
  s3_bucket_name = "pay-cloudtrail"
}
