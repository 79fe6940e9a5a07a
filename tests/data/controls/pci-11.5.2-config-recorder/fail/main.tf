provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "paris"
  region = "eu-west-3"
}

variable "recorder_enabled" {
  description = "Module-style switch, left at a default that never starts the recorder."
  type        = bool
  default     = false
}

resource "aws_iam_role" "config" {
  name = "aws-config"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "config.amazonaws.com" } }]
  })
}

# Records only two resource types.
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported  = false
    resource_types = ["AWS::EC2::SecurityGroup", "AWS::S3::Bucket"]
  }
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
}

# Records everything, but its status resource is switched off by a variable's default.
resource "aws_config_configuration_recorder" "frankfurt" {
  provider = aws.frankfurt
  name     = "frankfurt"
  role_arn = aws_iam_role.config.arn
}

resource "aws_config_configuration_recorder_status" "frankfurt" {
  provider   = aws.frankfurt
  name       = aws_config_configuration_recorder.frankfurt.name
  is_enabled = var.recorder_enabled
}

# Never started: no status resource at all.
resource "aws_config_configuration_recorder" "paris" {
  provider = aws.paris
  name     = "paris"
  role_arn = aws_iam_role.config.arn

  recording_group {
    include_global_resource_types = false
  }
}
