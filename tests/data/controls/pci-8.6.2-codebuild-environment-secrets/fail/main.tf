provider "aws" {
  region = "eu-west-1"
}

locals {
  deploy_environment = {
    STAGE         = "production"
    PSP_API_KEY   = "fake-psp-key-for-tests"
    DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ledger-db"
  }
}

# The type left at its default, PLAINTEXT.
resource "aws_codebuild_project" "migrations" {
  name         = "ledger-migrations"
  service_role = aws_iam_role.codebuild.arn

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "LOG_LEVEL"
      value = "info"
    }

    environment_variable {
      name  = "DB_PASSWORD"
      value = "fake-password-for-tests"
    }
  }

  source {
    type     = "CODECOMMIT"
    location = "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/ledger"
  }
}

resource "aws_codebuild_project" "release" {
  name         = "payments-release"
  service_role = aws_iam_role.codebuild.arn

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "GITHUB_TOKEN"
      value = "fake-token-for-tests"
      type  = "PLAINTEXT"
    }
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/example/payments.git"
  }
}

# Variables rendered from a map, as modules write them.
resource "aws_codebuild_project" "deploy" {
  name         = "payments-deploy"
  service_role = aws_iam_role.codebuild.arn

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    dynamic "environment_variable" {
      for_each = local.deploy_environment
      content {
        name  = environment_variable.key
        value = environment_variable.value
      }
    }
  }

  source {
    type = "CODEPIPELINE"
  }
}

resource "aws_iam_role" "codebuild" {
  name = "codebuild-payments"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
