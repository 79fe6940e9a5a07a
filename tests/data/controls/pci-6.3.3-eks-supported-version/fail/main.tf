provider "aws" {
  region = "eu-west-1"
}

locals {
  kubernetes_version = "1.33"
}

# Standard support ended 2026-03-23; the cluster is in extended support.
resource "aws_eks_cluster" "payments" {
  name     = "payments"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"
  version  = "1.32"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

# Standard support ends 2026-12-02.
resource "aws_eks_cluster" "batch" {
  name     = "batch"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"
  version  = "1.34"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

# Past extended support too.
resource "aws_eks_cluster" "legacy" {
  name     = "legacy-tools"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"
  version  = "1.29"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

# No version: whatever was newest when the cluster was created.
resource "aws_eks_cluster" "sandbox" {
  name     = "sandbox"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

module "eks" {
  source = "./modules/eks"

  cluster_name    = "ledger"
  cluster_version = local.kubernetes_version
}

# The module's default leaves the version unset.
module "eks_tools" {
  source = "./modules/eks"

  cluster_name = "tools"
}
