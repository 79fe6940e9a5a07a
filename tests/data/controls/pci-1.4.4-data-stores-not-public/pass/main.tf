provider "aws" {
  region = "eu-west-1"
}

resource "aws_redshift_subnet_group" "private" {
  name       = "warehouse-private"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_redshift_cluster" "private" {
  cluster_identifier        = "warehouse-private"
  node_type                 = "ra3.xlplus"
  publicly_accessible       = false
  cluster_subnet_group_name = aws_redshift_subnet_group.private.name
}

variable "private_subnets" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_opensearch_domain" "private" {
  domain_name    = "support-private"
  engine_version = "OpenSearch_2.11"

  vpc_options {
    subnet_ids         = var.private_subnets
    security_group_ids = ["sg-0a1b2c3d"]
  }
}

resource "aws_elasticsearch_domain" "private" {
  domain_name           = "legacy-private"
  elasticsearch_version = "7.10"

  vpc_options {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}

module "opensearch" {
  source = "./modules/opensearch"

  domain_name = "fraud"
  vpc_options = { subnet_ids = var.private_subnets }
}

resource "aws_neptune_cluster_instance" "defaults" {
  cluster_identifier = "graph"
  instance_class     = "db.r6g.large"
}

resource "aws_neptune_cluster_instance" "private" {
  cluster_identifier  = "graph"
  instance_class      = "db.r6g.large"
  publicly_accessible = false
}

resource "aws_msk_cluster" "defaults" {
  cluster_name           = "events-defaults"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"]
    security_groups = ["sg-0a1b2c3d"]
  }
}

resource "aws_msk_cluster" "private" {
  cluster_name           = "events-private"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"]
    security_groups = ["sg-0a1b2c3d"]

    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }
}

resource "aws_dms_replication_instance" "private" {
  replication_instance_id    = "migrate-private"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = false
}
