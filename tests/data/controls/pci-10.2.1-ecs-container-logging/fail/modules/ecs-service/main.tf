# The shape of terraform-aws-modules/ecs: containers described as a map input, each one's
# log_configuration passed through to the task definition (null when not given).
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
      name             = name
      image            = container.image
      essential        = try(container.essential, true)
      logConfiguration = try(container.log_configuration, null)
    }
  ])
}
