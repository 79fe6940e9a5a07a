# A cluster module in the style of terraform-aws-modules/eks, whose default logs only three of
# the five control plane log types.
variable "cluster_name" {
  type = string
}

variable "cluster_enabled_log_types" {
  type    = list(string)
  default = ["audit", "api", "authenticator"]
}

resource "aws_eks_cluster" "this" {
  name                      = var.cluster_name
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = var.cluster_enabled_log_types

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = false
  }
}
