# A cluster module in the style of terraform-aws-modules/eks: settings come in as variables
# with defaults, node groups from a map, remote access as a dynamic block.
variable "create" {
  type    = bool
  default = true
}

variable "cluster_name" {
  type = string
}

variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

variable "cluster_endpoint_private_access" {
  type    = bool
  default = true
}

variable "cluster_endpoint_public_access" {
  type    = bool
  default = false
}

variable "cluster_endpoint_public_access_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "eks_managed_node_groups" {
  type    = any
  default = {}
}

resource "aws_eks_cluster" "this" {
  count    = var.create ? 1 : 0
  name     = var.cluster_name
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_private_access = var.cluster_endpoint_private_access
    endpoint_public_access  = var.cluster_endpoint_public_access
    public_access_cidrs     = var.cluster_endpoint_public_access_cidrs
  }
}

resource "aws_eks_node_group" "this" {
  for_each = var.eks_managed_node_groups

  cluster_name    = aws_eks_cluster.this[0].name
  node_group_name = each.key
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = var.subnet_ids

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  dynamic "remote_access" {
    for_each = try(each.value.remote_access, null) != null ? [each.value.remote_access] : []
    content {
      ec2_ssh_key               = try(remote_access.value.ec2_ssh_key, null)
      source_security_group_ids = try(remote_access.value.source_security_group_ids, [])
    }
  }
}
