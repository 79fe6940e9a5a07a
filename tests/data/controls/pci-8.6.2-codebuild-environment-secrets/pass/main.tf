provider "aws" {
  region = "eu-west-1"
}

locals {
  deploy_environment = {
    STAGE         = "production"
    DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ledger-db"
  }
}

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
      value = "ledger/db/password"
      type  = "SECRETS_MANAGER"
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
      value = "/ci/github-token"
      type  = "PARAMETER_STORE"
    }
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/example/payments.git"
  }
}

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

# No environment variables at all.
resource "aws_codebuild_project" "lint" {
  name         = "payments-lint"
  service_role = aws_iam_role.codebuild.arn

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
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
