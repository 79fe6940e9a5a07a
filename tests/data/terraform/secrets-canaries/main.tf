# Planted canaries for "nothing secret in any output": every value below is fake, made up for
# the tests, and must appear in no report format, no HTML and no evidence bundle file.

provider "aws" {
  region = "eu-west-1"
}

variable "deploy_marker" {
  type      = string
  sensitive = true
  default   = "canary-sensitive-variable-7Qx2"
}

locals {
  release_token = "canary-local-token-9Vb4"
  marker_tag    = "build-${var.deploy_marker}"
  tags = {
    DataClassification = "cardholder"
    Release            = local.release_token
    Marker             = local.marker_tag
    Vault              = module.vault.handle
  }
}

module "vault" {
  source = "./modules/vault"
  seed   = "canary-module-output-4Kd8"
}

resource "aws_s3_bucket" "statements" {
  bucket = "canary-fixture-statements"
  tags   = local.tags
}

resource "aws_instance" "batch" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags          = local.tags

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }

  user_data = <<-EOT
    #!/bin/bash
    export PGPASSWORD=canary-pgpassword-5Tq9
    export DB_PASS=canary-userdata-dbpass-3Fh7
    mysql --user=root --password 'canary-userdata-flagpass-8Mn1' ledger
    curl -H "Authorization: Bearer canaryBearerToken0123456789abcdef" https://api.internal/
    aws configure set aws_secret_access_key CanaryFakeSecretAccessKey0123456789/+abc
    cat > /etc/ssl/private/app.key <<'KEY'
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEAcanaryFAKEpemBODYlineONE0123456789abcdefghijklmnop
    Q0FOQVJZLVBFTS1CT0RZLUxJTkUtVFdPLWZha2UtZmFrZS1mYWtlLWZha2UtZmFrZS0=
    cXVpdGVmYWtlY2FuYXJ5cGVtYm9keWxpbmV0aHJlZTAxMjM0NTY3ODlhYmNkZWZn
    -----END RSA PRIVATE KEY-----
    KEY
    echo "test cards 4012-8888-8888-1881 and 5555 5555 5555 4444" > /tmp/cards
    echo "DATABASE=postgresql://app:canary-conn-pass-2Wz6@db.internal:5432/ledger" >> /etc/app.env
  EOT
}

resource "aws_launch_template" "workers" {
  name = "canary-fixture-workers"
  user_data = base64encode("#!/bin/bash\necho '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANcanaryFAKEpkcs8BODYline0123456789abcdefghijklmnopqrstu\n-----END PRIVATE KEY-----' > /etc/worker.key\n")

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_lambda_function" "payouts" {
  function_name = "canary-fixture-payouts"
  role          = "arn:aws:iam::111122223333:role/payouts"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "payouts.zip"

  environment {
    variables = {
      LOG_LEVEL   = "info"
      REGION_NAME = "eu-west-1"
      DB_PASS     = "canary-lambda-dbpass-6Rt3"
      STRIPE_KEY  = "canary-lambda-stripekey-1Yu5"
      UPSTREAM    = "ghp_CanaryFakeToken0123456789abcdefABCDE"
      SESSION     = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnktand0LWxhbWJkYSJ9.Q2FuYXJ5RmFrZVNpZ25hdHVyZUxhbWJkYQ"
      PAYMENTS    = "sk_live_CanaryFakeStripe0123456789abcd"
      OBJECTS     = "CanaryFakeSecretAccessKeyLambda0123456/+"
      DATABASE    = "postgresql://app:canary-lambda-conn-pass-9Kq1@db.internal:5432/ledger"
      TEST_CARD   = "4012-8888-8888-1881"
    }
  }
}

resource "aws_ecs_task_definition" "api" {
  family = "canary-fixture-api"
  container_definitions = jsonencode([
    {
      name  = "api"
      image = "registry.example/payments-api:2.3.1"
      environment = [
        { name = "LOG_LEVEL", value = "info" },
        { name = "DB_PASS", value = "canary-ecs-dbpass-2Hj8" },
        { name = "STRIPE_KEY", value = "canary-ecs-stripekey-5Nv3" },
        { name = "UPSTREAM", value = "ghp_CanaryFakeToken0123456789abcdefECS01" },
        { name = "SESSION", value = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnktand0LWVjcyJ9.Q2FuYXJ5RmFrZVNpZ25hdHVyZUVjcw" },
        { name = "SLACK", value = "xoxb-0000000000-CanaryFakeSlackToken0" },
      ]
    }
  ])
}

resource "aws_ssm_parameter" "upstream" {
  name  = "/payments/upstream/endpoint"
  type  = "SecureString"
  value = "canary-ssm-parameter-value-8Lp0"
}
