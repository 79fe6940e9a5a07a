provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "eks" {
  description         = "EKS secrets"
  enable_key_rotation = true
}

resource "aws_eks_cluster" "plain" {
  name     = "payments-plain"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = false
  }
}

# Encryption switched off in the module call: no encryption_config block is generated.
module "eks" {
  source = "./modules/eks"

  cluster_name              = "payments"
  kms_key_arn               = aws_kms_key.eks.arn
  cluster_encryption_config = {}
}

# The encryption block is generated, but no key is given to it.
module "eks_no_key" {
  source = "./modules/eks"

  cluster_name = "payments-no-key"
}
