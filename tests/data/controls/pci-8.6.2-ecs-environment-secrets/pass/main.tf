provider "aws" {
  region = "eu-west-1"
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
    secrets     = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ledger-db" }]
  }])
}
