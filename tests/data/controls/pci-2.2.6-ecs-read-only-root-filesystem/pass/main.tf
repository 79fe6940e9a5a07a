provider "aws" {
  region = "eu-west-1"
}

resource "aws_ecs_task_definition" "api" {
  family                   = "payments-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  volume {
    name = "tmp"
  }
  container_definitions = jsonencode([{
    name                   = "api"
    image                  = "registry.example/payments-api:1.4.2"
    essential              = true
    readonlyRootFilesystem = true
    mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
  }])
}

resource "aws_ecs_task_definition" "heredoc" {
  family                = "payments-heredoc"
  container_definitions = <<-JSON
    [
      {"name": "app", "image": "registry.example/app:1", "essential": true, "memory": 512,
       "readonlyRootFilesystem": true},
      {"name": "proxy", "image": "registry.example/proxy:1", "essential": true, "memory": 128,
       "readonlyRootFilesystem": true}
    ]
  JSON
}

resource "aws_ecs_task_definition" "worker" {
  family = "payments-worker"
  volume {
    name = "scratch"
  }
  container_definitions = jsonencode([{
    name                   = "worker"
    image                  = "registry.example/payments-worker:2.0.1"
    essential              = true
    memory                 = 512
    readonlyRootFilesystem = true
    mountPoints            = [{ sourceVolume = "scratch", containerPath = "/tmp" }]
  }])
}

# The module's own default makes the root filesystem read-only.
module "checkout" {
  source = "./modules/ecs-service"
  family = "checkout"
  container_definitions = {
    checkout = { image = "registry.example/checkout:3.1.0" }
  }
}
