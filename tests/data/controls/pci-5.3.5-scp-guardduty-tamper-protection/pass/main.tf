provider "aws" {
  region = "us-east-1"
}

resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY"]
  aws_service_access_principals = ["guardduty.amazonaws.com"]
}

data "aws_iam_policy_document" "protect_security_services" {
  statement {
    sid    = "ProtectGuardDuty"
    effect = "Deny"
    actions = [
      "guardduty:DeleteDetector",
      "guardduty:UpdateDetector",
      "guardduty:Disassociate*",
    ]
    resources = ["*"]

    # The security team's role manages GuardDuty: the authorization by management.
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/security-operations"]
    }
  }
}

resource "aws_organizations_policy" "protect_security_services" {
  name    = "protect-security-services"
  type    = "SERVICE_CONTROL_POLICY"
  content = data.aws_iam_policy_document.protect_security_services.json
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.protect_security_services.id
  target_id = aws_organizations_organization.this.roots[0].id
}
