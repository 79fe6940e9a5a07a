provider "aws" {
  region = "eu-west-1"
}

resource "aws_eks_cluster" "private" {
  name     = "payments-private"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

# Public, but only from the office and VPN ranges.
resource "aws_eks_cluster" "named_cidrs" {
  name     = "payments-named"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24", "198.51.100.10/32"]
  }
}

resource "aws_security_group" "bastion" {
  name   = "eks-bastion"
  vpc_id = "vpc-0a1b2c3d"
}

# The module's default endpoint is private; SSH only from the bastion's group.
module "eks" {
  source = "./modules/eks"

  cluster_name = "payments"

  eks_managed_node_groups = {
    workers = {
      remote_access = {
        ec2_ssh_key               = "ops-2024"
        source_security_group_ids = [aws_security_group.bastion.id]
      }
    }
    batch = {}
  }
}

resource "aws_eks_node_group" "bastion_only" {
  cluster_name    = aws_eks_cluster.private.name
  node_group_name = "bastion-only"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key               = "ops-2024"
    source_security_group_ids = [aws_security_group.bastion.id]
  }
}

resource "aws_eks_node_group" "no_ssh" {
  cluster_name    = aws_eks_cluster.private.name
  node_group_name = "no-ssh"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}
