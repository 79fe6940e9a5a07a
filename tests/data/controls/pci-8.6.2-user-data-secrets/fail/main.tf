provider "aws" {
  region = "eu-west-1"
}

variable "bootstrap_token" {
  description = "Module-style input whose default is a literal token."
  type        = string
  default     = "fake-join-token-for-tests"
}

resource "aws_instance" "bastion" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export DB_PASSWORD=fake-password-for-tests
    systemctl start app
  EOT
}

# Launch templates take their user data base64-encoded.
resource "aws_launch_template" "batch" {
  name_prefix = "batch-"
  user_data   = base64encode("#!/bin/bash\nexport DB_PASSWORD=fake-launch-template-canary\n")
}

# An access key id written into a cloud-init file.
resource "aws_instance" "exporter" {
  ami              = "ami-12345678"
  instance_type    = "t3.micro"
  user_data_base64 = base64encode("#cloud-config\nruncmd:\n  - aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n")
}

# The secret arrives from a variable's default, interpolated into the script.
resource "aws_launch_configuration" "agents" {
  name_prefix   = "agents-"
  image_id      = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\n/opt/agent/join --token ${var.bootstrap_token}\nexport AGENT_TOKEN=${var.bootstrap_token}\n"
}

# A compliant neighbour: the fail folder is judged resource by resource.
resource "aws_instance" "worker" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nsystemctl start worker\n"
}
