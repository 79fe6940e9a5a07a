# The shape of terraform-aws-modules/ecs: containers described as a map input, the task's
# network mode and each container's privileged flag passed through to the task definition.
variable "family" {
  type = string
}

variable "network_mode" {
  type    = string
  default = "awsvpc"
}

variable "container_definitions" {
  type    = any
  default = {}
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.family
  requires_compatibilities = ["EC2"]
  network_mode             = var.network_mode
  container_definitions = jsonencode([
    for name, container in var.container_definitions : {
      name       = name
      image      = container.image
      essential  = try(container.essential, true)
      memory     = try(container.memory, 512)
      privileged = try(container.privileged, false)
    }
  ])
}
