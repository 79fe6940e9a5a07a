variable "bootstrap_token" {
  type = string
}

data "cloudinit_config" "web" {
  gzip          = false
  base64_encode = true

  part {
    content_type = "text/x-shellscript"
    content      = "#!/bin/bash\nexport DB_PASSWORD='Aa1234321Bb'\n"
  }

  part {
    filename     = "settings.cfg"
    content_type = "text/cloud-config"
    content      = "timezone: Europe/Berlin\n"
  }
}

# Compressed as the provider compresses it: its bytes are not reproduced.
data "cloudinit_config" "compressed" {
  part {
    content = "#!/bin/bash\necho ready\n"
  }
}

data "cloudinit_config" "unknown" {
  gzip          = false
  base64_encode = false

  part {
    content = "export TOKEN=${var.bootstrap_token}"
  }
}

resource "aws_launch_template" "web" {
  name      = "web"
  user_data = data.cloudinit_config.web.rendered
}

resource "aws_launch_template" "compressed" {
  name      = "compressed"
  user_data = data.cloudinit_config.compressed.rendered
}

resource "aws_instance" "unknown" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = data.cloudinit_config.unknown.rendered
}
