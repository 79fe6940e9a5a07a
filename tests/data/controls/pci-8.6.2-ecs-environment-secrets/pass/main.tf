provider "aws" {
  region = "eu-west-1"
}

locals {
  log_router = {
    name      = "log-router"
    image     = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
    essential = false
  }
}

resource "aws_secretsmanager_secret" "stripe" {
  name = "stripe-api-key"
}

resource "aws_ecs_task_definition" "api" {
  family                   = "payments-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([{
    name        = "api"
    image       = "registry.example/payments-api:1.4.2"
    essential   = true
    environment = [{ name = "LOG_LEVEL", value = "info" }]
    secrets = [
      { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ledger-db" },
      { name = "STRIPE_API_KEY", valueFrom = aws_secretsmanager_secret.stripe.arn },
    ]
  }])
}

# A heredoc; the proxy is told where its token is, and reads it itself.
resource "aws_ecs_task_definition" "heredoc" {
  family                = "payments-heredoc"
  container_definitions = <<-JSON
    [
      {"name": "app", "image": "registry.example/app:1", "essential": true,
       "environment": [{"name": "PORT", "value": "8080"}]},
      {"name": "proxy", "image": "registry.example/proxy:1", "essential": true,
       "environment": [{"name": "UPSTREAM_TOKEN_SECRET_ARN",
                        "value": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:upstream"}]}
    ]
  JSON
}

resource "aws_ecs_task_definition" "from_file" {
  family                = "payments-worker"
  container_definitions = file("${path.module}/container.json")
}

resource "aws_ecs_task_definition" "service" {
  for_each = {
    payouts = [{ name = "REGION", value = "eu-west-1" }]
    refunds = [{ name = "REGION", value = "eu-west-1" }, { name = "SMTP_PASSWORD_ARN", value = aws_secretsmanager_secret.stripe.arn }]
  }
  family = each.key
  container_definitions = jsonencode([
    local.log_router,
    { name = each.key, image = "registry.example/${each.key}:1", essential = true, environment = each.value },
  ])
}

module "checkout" {
  source = "./modules/ecs-service"
  family = "checkout"
  container_definitions = {
    checkout = {
      image       = "registry.example/checkout:3.1.0"
      environment = [{ name = "CURRENCY", value = "EUR" }]
      secrets     = [{ name = "CLIENT_SECRET", valueFrom = aws_secretsmanager_secret.stripe.arn }]
    }
  }
}
