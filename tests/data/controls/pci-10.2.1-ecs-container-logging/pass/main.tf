provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "payments" {
  name              = "/ecs/payments"
  retention_in_days = 365
}

locals {
  awslogs = {
    logDriver = "awslogs"
    options = {
      awslogs-group         = aws_cloudwatch_log_group.payments.name
      awslogs-region        = "eu-west-1"
      awslogs-stream-prefix = "ecs"
    }
  }
}

resource "aws_ecs_task_definition" "api" {
  family                   = "payments-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([{
    name             = "api"
    image            = "registry.example/payments-api:1.4.2"
    essential        = true
    logConfiguration = local.awslogs
  }])
}

resource "aws_ecs_task_definition" "firelens" {
  family                   = "payments-firelens"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([
    {
      name                  = "log-router"
      image                 = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
      essential             = true
      firelensConfiguration = { type = "fluentbit" }
      logConfiguration      = local.awslogs
    },
    {
      name      = "app"
      image     = "registry.example/app:1"
      essential = true
      logConfiguration = {
        logDriver = "awsfirelens"
        options   = { Name = "cloudwatch", region = "eu-west-1", log_group_name = "/ecs/payments" }
      }
    },
  ])
}

resource "aws_ecs_task_definition" "worker" {
  family = "payments-worker"
  container_definitions = jsonencode([{
    name      = "worker"
    image     = "registry.example/payments-worker:2.0.1"
    essential = true
    memory    = 512
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.payments.name
        awslogs-region        = "eu-west-1"
        awslogs-stream-prefix = "worker"
      }
    }
  }])
}

module "checkout" {
  source = "./modules/ecs-service"
  family = "checkout"
  container_definitions = {
    checkout = { image = "registry.example/checkout:3.1.0", log_configuration = local.awslogs }
  }
}
