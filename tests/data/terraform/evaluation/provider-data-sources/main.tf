provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "china"
  region = "cn-north-1"
}
data "aws_partition" "current" {}
data "aws_partition" "china" {
  provider = aws.china
}
data "aws_region" "current" {}
resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = "x"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = "x"
  policy_arn = "arn:${data.aws_partition.china.partition}:iam::aws:policy/AdministratorAccess"
}
resource "aws_cloudwatch_log_group" "x" {
  name = "/x/${data.aws_region.current.name}/${data.aws_partition.china.dns_suffix}"
}

variable "region" {}

provider "aws" {
  alias  = "elsewhere"
  region = var.region
}

data "aws_partition" "elsewhere" {
  provider = aws.elsewhere
}

resource "aws_cloudwatch_log_group" "elsewhere" {
  name = "/x/${data.aws_partition.elsewhere.partition}"
}
