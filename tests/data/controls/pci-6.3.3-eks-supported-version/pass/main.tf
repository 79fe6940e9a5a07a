provider "aws" {
  region = "eu-west-1"
}

locals {
  kubernetes_version = "1.35"
}

resource "aws_eks_cluster" "payments" {
  name     = "payments"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"
  version  = "1.36"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }

  upgrade_policy {
    support_type = "STANDARD"
  }
}

resource "aws_eks_cluster" "batch" {
  name     = "batch"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"
  version  = local.kubernetes_version

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

module "eks" {
  source = "./modules/eks"

  cluster_name    = "ledger"
  cluster_version = local.kubernetes_version
}

module "eks_tools" {
  source = "./modules/eks"

  cluster_name    = "tools"
  cluster_version = "1.37"
}
