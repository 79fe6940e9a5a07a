provider "aws" {
  region = "eu-west-1"
}

# The agent in the default bridge mode, in its own namespaces.
resource "aws_ecs_task_definition" "agent" {
  family                   = "monitoring-agent"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([{
    name      = "agent"
    image     = "registry.example/monitoring-agent:7.50.3"
    essential = true
    memory    = 256
  }])
}

# Builds with a rootless builder, granted one capability instead of privileged mode.
resource "aws_ecs_task_definition" "build" {
  family       = "ci-build"
  network_mode = "bridge"
  container_definitions = jsonencode([
    {
      name       = "builder"
      image      = "moby/buildkit:rootless"
      essential  = true
      memory     = 2048
      privileged = false
      linuxParameters = {
        capabilities = { add = ["SYS_ADMIN"], drop = ["NET_RAW"] }
      }
    }
  ])
}

resource "aws_ecs_task_definition" "heredoc" {
  family                = "payments-heredoc"
  container_definitions = <<-JSON
    [
      {"name": "app", "image": "registry.example/app:1", "essential": true, "memory": 512},
      {"name": "tuner", "image": "registry.example/sysctl-tuner:1", "essential": false,
       "memory": 64, "privileged": false}
    ]
  JSON
}

# The containers of the task share one IPC and PID namespace, not the host's.
resource "aws_ecs_task_definition" "cache" {
  family   = "ledger-cache"
  ipc_mode = "task"
  pid_mode = "task"
  container_definitions = jsonencode([{
    name      = "cache"
    image     = "registry.example/ledger-cache:3"
    essential = true
    memory    = 1024
  }])
}

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
  source = "./modules/ecs-service"
  family = "payments-worker"
  container_definitions = {
    worker = { image = "registry.example/payments-worker:2.0.1" }
  }
}

module "scanner" {
  source = "./modules/ecs-service"
  family = "file-scanner"
  container_definitions = {
    scanner = { image = "registry.example/file-scanner:1" }
  }
}
