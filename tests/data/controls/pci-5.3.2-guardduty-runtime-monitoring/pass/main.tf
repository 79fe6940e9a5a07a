provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "stockholm"
  region = "eu-north-1"
}

resource "aws_guardduty_detector" "main" {
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

# Runtime monitoring with the agent managed by GuardDuty on EC2, EKS and Fargate.
resource "aws_guardduty_detector_feature" "runtime_monitoring" {
  detector_id = aws_guardduty_detector.main.id
  name        = "RUNTIME_MONITORING"
  status      = "ENABLED"

  additional_configuration {
    name   = "EC2_AGENT_MANAGEMENT"
    status = "ENABLED"
  }

  additional_configuration {
    name   = "EKS_ADDON_MANAGEMENT"
    status = "ENABLED"
  }

  additional_configuration {
    name   = "ECS_FARGATE_AGENT_MANAGEMENT"
    status = "ENABLED"
  }
}

module "guardduty" {
  source = "./modules/guardduty"

  providers = {
    aws = aws.stockholm
  }

  features = {
    S3_DATA_EVENTS         = true
    EBS_MALWARE_PROTECTION = true
    RUNTIME_MONITORING     = true
  }
}
