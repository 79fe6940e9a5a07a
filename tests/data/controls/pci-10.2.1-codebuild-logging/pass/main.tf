provider "aws" {
  region = "eu-west-1"
}

locals {
  environment = {
    type         = "LINUX_CONTAINER"
    image        = "aws/codebuild/standard:7.0"
    compute_type = "BUILD_GENERAL1_SMALL"
  }
}

# Left at the default: CloudWatch Logs.
resource "aws_codebuild_project" "build" {
  name         = "payments-build"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    type         = local.environment.type
    image        = local.environment.image
    compute_type = local.environment.compute_type
  }

  source {
    type     = "CODECOMMIT"
    location = "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/payments"
  }
}

resource "aws_codebuild_project" "deploy" {
  name         = "payments-deploy"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    type         = local.environment.type
    image        = local.environment.image
    compute_type = local.environment.compute_type
  }

  source {
    type     = "CODECOMMIT"
    location = "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/payments"
  }

  logs_config {
    cloudwatch_logs {
      status = "DISABLED"
    }

    s3_logs {
      status   = "ENABLED"
      location = "payments-build-logs/codebuild"
    }
  }
}
