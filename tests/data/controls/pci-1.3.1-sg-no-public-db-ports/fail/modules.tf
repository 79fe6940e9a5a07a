# A module in the style of terraform-aws-modules/security-group.
module "database_sg" {
  source              = "./modules/security-group"
  name                = "database"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_rules       = ["https-443-tcp", "postgresql-tcp"]
  ingress_with_cidr_blocks = [
    { rule = "mysql-tcp", cidr_blocks = "0.0.0.0/0" },
    { from_port = "8443", to_port = "8443", protocol = "tcp", cidr_blocks = "0.0.0.0/0" },
  ]
}
