provider "aws" {
  region = "eu-west-1"
}

# No log type listed: EKS sends no control plane log at all.
resource "aws_eks_cluster" "silent" {
  name     = "payments-silent"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = false
  }
}

# The module's default leaves out controllerManager and scheduler.
module "eks" {
  source = "./modules/eks"

  cluster_name = "payments"
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

resource "aws_ecs_cluster" "exec_unlogged" {
  name = "payments-exec-unlogged"

  configuration {
    execute_command_configuration {
      logging = "NONE"
    }
  }
}

# OVERRIDE with a log configuration that names no destination.
resource "aws_ecs_cluster" "override_nowhere" {
  name = "payments-override-nowhere"

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
      }
    }
  }
}

module "ecs" {
  source = "./modules/ecs"

  cluster_name = "payments"
  cluster_configuration = {
    execute_command_configuration = {
      logging = "NONE"
    }
  }
}
