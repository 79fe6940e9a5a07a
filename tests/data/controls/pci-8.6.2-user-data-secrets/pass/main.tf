provider "aws" {
  region = "eu-west-1"
}

variable "secret_id" {
  description = "Module-style input: which secret to read at boot, not the secret."
  type        = string
  default     = "ledger-db"
}

resource "aws_instance" "bastion" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id ledger-db --query SecretString --output text)"
    systemctl start app
  EOT
}

# No user data: nothing to judge.
resource "aws_instance" "worker" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "batch" {
  name_prefix = "batch-"
  user_data   = base64encode("#!/bin/bash\nsystemctl start reconciliation\n")
}

resource "aws_instance" "exporter" {
  ami              = "ami-12345678"
  instance_type    = "t3.micro"
  user_data_base64 = base64encode("#cloud-config\nruncmd:\n  - systemctl start exporter\n")
}

resource "aws_launch_configuration" "agents" {
  name_prefix   = "agents-"
  image_id      = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nexport AGENT_TOKEN=\"$(aws ssm get-parameter --name /agents/${var.secret_id} --with-decryption --query Parameter.Value --output text)\"\n/opt/agent/join\n"
}
