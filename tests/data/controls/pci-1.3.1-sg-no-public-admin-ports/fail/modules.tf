# A module in the style of terraform-aws-modules/security-group.
module "bastion_sg" {
  source              = "./modules/security-group"
  name                = "bastion"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_rules       = ["https-443-tcp", "ssh-tcp"]
  ingress_with_cidr_blocks = [
    { rule = "rdp-tcp", cidr_blocks = "0.0.0.0/0" },
    { from_port = "8443", to_port = "8443", protocol = "tcp", cidr_blocks = "0.0.0.0/0" },
  ]
}
