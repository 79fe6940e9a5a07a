# A cluster module in the style of terraform-aws-modules/eks: secrets encryption is a dynamic
# block, generated unless the caller passes an empty cluster_encryption_config.
variable "cluster_name" {
  type = string
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "cluster_encryption_config" {
  type = any
  default = {
    resources = ["secrets"]
  }
}

resource "aws_eks_cluster" "this" {
  name     = var.cluster_name
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = false
  }

  dynamic "encryption_config" {
    for_each = length(var.cluster_encryption_config) > 0 ? [var.cluster_encryption_config] : []
    content {
      resources = encryption_config.value.resources
      provider {
        key_arn = var.kms_key_arn
      }
    }
  }
}
