provider "aws" {
  region = "eu-west-1"
}

# The provider's default: a writable root filesystem.
resource "aws_ecs_task_definition" "api" {
  family                   = "payments-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([{
    name      = "api"
    image     = "registry.example/payments-api:1.4.2"
    essential = true
  }])
}

# A heredoc; the app is read-only, its proxy is not.
resource "aws_ecs_task_definition" "heredoc" {
  family                = "payments-heredoc"
  container_definitions = <<-JSON
    [
      {"name": "app", "image": "registry.example/app:1", "essential": true, "memory": 512,
       "readonlyRootFilesystem": true},
      {"name": "proxy", "image": "registry.example/proxy:1", "essential": true, "memory": 128,
       "readonlyRootFilesystem": false}
    ]
  JSON
}

# Read-only, with a scratch volume for what it writes.
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

module "checkout" {
  source = "./modules/ecs-service"
  family = "checkout"
  container_definitions = {
    checkout = { image = "registry.example/checkout:3.1.0", readonly_root_filesystem = false }
  }
}
