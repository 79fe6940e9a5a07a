# A cluster module in the style of terraform-aws-modules/eks: the version comes in as
# cluster_version, null by default (EKS then picks its newest version when creating).
variable "create" {
  type    = bool
  default = true
}

variable "cluster_name" {
  type = string
}

variable "cluster_version" {
  type    = string
  default = null
}

variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_eks_cluster" "this" {
  count    = var.create ? 1 : 0
  name     = var.cluster_name
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"
  version  = var.cluster_version

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}
