provider "aws" {
  region = "eu-west-1"
}

resource "aws_eks_cluster" "complete" {
  name                      = "payments-complete"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = false
  }
}

module "eks" {
  source = "./modules/eks"

  cluster_name              = "payments"
  cluster_enabled_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
}

# Nothing configured: ECS Exec logs as DEFAULT, to each task definition's awslogs destination.
resource "aws_ecs_cluster" "defaults" {
  name = "payments-defaults"
}

resource "aws_ecs_cluster" "default_logging" {
  name = "payments-default-logging"

  configuration {
    execute_command_configuration {
      kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      logging    = "DEFAULT"
    }
  }
}

resource "aws_cloudwatch_log_group" "exec" {
  name              = "/aws/ecs/exec"
  retention_in_days = 400
}

resource "aws_ecs_cluster" "override_cloudwatch" {
  name = "payments-override-cloudwatch"

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}

resource "aws_ecs_cluster" "override_s3" {
  name = "payments-override-s3"

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"
      log_configuration {
        s3_bucket_name               = "payments-exec-logs"
        s3_bucket_encryption_enabled = true
        s3_key_prefix                = "exec/"
      }
    }
  }
}

# The module's default: OVERRIDE to a CloudWatch log group.
module "ecs" {
  source = "./modules/ecs"

  cluster_name = "payments"
}

# The module called without execute_command_configuration: logging falls back to DEFAULT.
module "ecs_plain" {
  source = "./modules/ecs"

  cluster_name = "payments-plain"
  cluster_configuration = {
    managed_storage_configuration = {}
  }
}
