provider "aws" {
  region = "us-east-1"
}

resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY"]
  aws_service_access_principals = ["guardduty.amazonaws.com"]
}

# Denies every change to GuardDuty, but is attached to nothing.
resource "aws_organizations_policy" "protect_guardduty" {
  name = "protect-guardduty"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["guardduty:*"]
      Resource = "*"
    }]
  })
}

# Attached, but only where the request is made in one region.
resource "aws_organizations_policy" "home_region_only" {
  name = "home-region-only"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["guardduty:DeleteDetector", "guardduty:UpdateDetector"]
      Resource = "*"
      Condition = {
        StringEquals = { "aws:RequestedRegion" = "eu-west-1" }
      }
    }]
  })
}

resource "aws_organizations_policy_attachment" "home_region_only" {
  policy_id = aws_organizations_policy.home_region_only.id
  target_id = aws_organizations_organization.this.roots[0].id
}

# Attached everywhere, but leaving the administrator account stays open.
resource "aws_organizations_policy" "keep_detectors" {
  name = "keep-detectors"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["guardduty:Delete*", "guardduty:UpdateDetector"]
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "keep_detectors" {
  policy_id = aws_organizations_policy.keep_detectors.id
  target_id = aws_organizations_organization.this.roots[0].id
}
