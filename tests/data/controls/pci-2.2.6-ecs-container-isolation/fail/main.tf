provider "aws" {
  region = "eu-west-1"
}

# A monitoring agent run as a daemon on every instance, sharing the host's network and
# process namespaces to watch them.
resource "aws_ecs_task_definition" "agent" {
  family                   = "monitoring-agent"
  requires_compatibilities = ["EC2"]
  network_mode             = "host"
  pid_mode                 = "host"
  container_definitions = jsonencode([{
    name      = "agent"
    image     = "registry.example/monitoring-agent:7.50.3"
    essential = true
    memory    = 256
  }])
}

# Docker-in-Docker for CI builds: privileged.
resource "aws_ecs_task_definition" "build" {
  family = "ci-build"
  container_definitions = jsonencode([
    {
      name       = "dind"
      image      = "docker:24-dind"
      essential  = true
      memory     = 2048
      privileged = true
    }
  ])
}

# A heredoc; only the sidecar is privileged.
resource "aws_ecs_task_definition" "heredoc" {
  family                = "payments-heredoc"
  container_definitions = <<-JSON
    [
      {"name": "app", "image": "registry.example/app:1", "essential": true, "memory": 512},
      {"name": "tuner", "image": "registry.example/sysctl-tuner:1", "essential": false,
       "memory": 64, "privileged": true}
    ]
  JSON
}

# Shares the host's IPC namespace for a shared-memory cache.
resource "aws_ecs_task_definition" "cache" {
  family   = "ledger-cache"
  ipc_mode = "host"
  container_definitions = jsonencode([{
    name      = "cache"
    image     = "registry.example/ledger-cache:3"
    essential = true
    memory    = 1024
  }])
}

# Fargate with the provider's defaults: nothing privileged, no host namespace.
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

module "worker" {
  source       = "./modules/ecs-service"
  family       = "payments-worker"
  network_mode = "host"
  container_definitions = {
    worker = { image = "registry.example/payments-worker:2.0.1" }
  }
}

module "scanner" {
  source = "./modules/ecs-service"
  family = "file-scanner"
  container_definitions = {
    scanner = { image = "registry.example/file-scanner:1", privileged = true }
  }
}
