provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "eks" {
  description         = "EKS secrets"
  enable_key_rotation = true
}

resource "aws_eks_cluster" "encrypted" {
  name     = "payments-encrypted"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}

module "eks" {
  source = "./modules/eks"

  cluster_name = "payments"
  kms_key_arn  = aws_kms_key.eks.arn
}
