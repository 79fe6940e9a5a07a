provider "aws" {
  region = "eu-west-1"
}

# vpc_config gives only subnets: the provider's defaults switch the public endpoint on and open
# it to 0.0.0.0/0.
resource "aws_eks_cluster" "defaults" {
  name     = "payments-defaults"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_cluster" "open" {
  name     = "payments-open"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
  }
}

# An empty list is not sent to AWS, which keeps its default of 0.0.0.0/0.
resource "aws_eks_cluster" "empty_cidrs" {
  name     = "payments-empty-cidrs"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = true
    public_access_cidrs    = []
  }
}

resource "aws_eks_cluster" "ipv6_open" {
  name     = "payments-ipv6"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = null
    public_access_cidrs    = ["203.0.113.0/24", "::/0"]
  }
}

# Public access switched on through the module, its CIDRs left at the module's default.
module "eks" {
  source = "./modules/eks"

  cluster_name                   = "payments"
  cluster_endpoint_public_access = true

  eks_managed_node_groups = {
    workers = {
      remote_access = {
        ec2_ssh_key = "ops-2024"
      }
    }
  }
}

resource "aws_eks_node_group" "ssh_open" {
  cluster_name    = aws_eks_cluster.open.name
  node_group_name = "ssh-open"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key = "ops-2024"
  }
}

resource "aws_eks_node_group" "ssh_no_groups" {
  cluster_name    = aws_eks_cluster.open.name
  node_group_name = "ssh-no-groups"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key               = "ops-2024"
    source_security_group_ids = []
  }
}

# No remote access at all: nothing is opened.
resource "aws_eks_node_group" "no_ssh" {
  cluster_name    = aws_eks_cluster.open.name
  node_group_name = "no-ssh"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0a1b2c3d"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}
