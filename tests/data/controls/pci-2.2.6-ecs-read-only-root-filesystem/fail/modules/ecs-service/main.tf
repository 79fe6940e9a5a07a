# The shape of terraform-aws-modules/ecs: containers described as a map input, each one's
# readonly_root_filesystem passed through to the task definition (the module's default is true).
variable "family" {
  type = string
}

variable "container_definitions" {
  type    = any
  default = {}
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.family
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    for name, container in var.container_definitions : {
      name                   = name
      image                  = container.image
      essential              = try(container.essential, true)
      readonlyRootFilesystem = try(container.readonly_root_filesystem, true)
    }
  ])
}
