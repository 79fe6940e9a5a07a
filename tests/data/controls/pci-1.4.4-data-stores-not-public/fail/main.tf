provider "aws" {
  region = "eu-west-1"
}

resource "aws_redshift_subnet_group" "private" {
  name       = "warehouse-private"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

# publicly_accessible left out: true in provider v5, false from v6, so it has to be written.
resource "aws_redshift_cluster" "defaults" {
  cluster_identifier        = "warehouse-defaults"
  node_type                 = "ra3.xlplus"
  cluster_subnet_group_name = aws_redshift_subnet_group.private.name
}

resource "aws_redshift_cluster" "public" {
  cluster_identifier        = "warehouse-public"
  node_type                 = "ra3.xlplus"
  publicly_accessible       = true
  cluster_subnet_group_name = aws_redshift_subnet_group.private.name
}

# Not public, but placed in no subnet group of its own.
resource "aws_redshift_cluster" "no_subnet_group" {
  cluster_identifier  = "warehouse-no-subnets"
  node_type           = "ra3.xlplus"
  publicly_accessible = false
}

resource "aws_redshift_cluster" "private" {
  cluster_identifier        = "warehouse-private"
  node_type                 = "ra3.xlplus"
  publicly_accessible       = false
  cluster_subnet_group_name = aws_redshift_subnet_group.private.name
}

# No vpc_options: the domain gets a public endpoint.
resource "aws_opensearch_domain" "public" {
  domain_name    = "support-public"
  engine_version = "OpenSearch_2.11"
}

resource "aws_elasticsearch_domain" "public" {
  domain_name           = "legacy-public"
  elasticsearch_version = "7.10"
}

# The module without vpc_options.
module "opensearch" {
  source = "./modules/opensearch"

  domain_name = "fraud"
}

resource "aws_neptune_cluster_instance" "public" {
  cluster_identifier  = "graph"
  instance_class      = "db.r6g.large"
  publicly_accessible = true
}

# publicly_accessible defaults to false.
resource "aws_neptune_cluster_instance" "defaults" {
  cluster_identifier = "graph"
  instance_class     = "db.r6g.large"
}

resource "aws_msk_cluster" "public" {
  cluster_name           = "events-public"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"]
    security_groups = ["sg-0a1b2c3d"]

    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
}

# No connectivity_info: public access is DISABLED by default.
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

# publicly_accessible left out: DMS makes the instance public unless told otherwise.
resource "aws_dms_replication_instance" "defaults" {
  replication_instance_id    = "migrate-defaults"
  replication_instance_class = "dms.t3.medium"
}

resource "aws_dms_replication_instance" "public" {
  replication_instance_id    = "migrate-public"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = true
}
