provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "paris"
  region = "eu-west-3"
}

provider "aws" {
  alias  = "stockholm"
  region = "eu-north-1"
}

# Detection on, no protection plan declared.
resource "aws_guardduty_detector" "main" {
  enable = true
}

# The older EKS-only runtime monitoring: EC2 instances and ECS tasks are not watched.
resource "aws_guardduty_detector" "frankfurt" {
  provider = aws.frankfurt
}

resource "aws_guardduty_detector_feature" "frankfurt_eks_runtime" {
  provider    = aws.frankfurt
  detector_id = aws_guardduty_detector.frankfurt.id
  name        = "EKS_RUNTIME_MONITORING"
  status      = "ENABLED"

  additional_configuration {
    name   = "EKS_ADDON_MANAGEMENT"
    status = "ENABLED"
  }
}

# Runtime monitoring declared, and turned off.
resource "aws_guardduty_detector" "paris" {
  provider = aws.paris
}

resource "aws_guardduty_detector_feature" "paris_runtime" {
  provider    = aws.paris
  detector_id = aws_guardduty_detector.paris.id
  name        = "RUNTIME_MONITORING"
  status      = "DISABLED"

  additional_configuration {
    name   = "EC2_AGENT_MANAGEMENT"
    status = "ENABLED"
  }
}

# The module's default features leave RUNTIME_MONITORING DISABLED.
module "guardduty" {
  source = "./modules/guardduty"

  providers = {
    aws = aws.stockholm
  }
}
