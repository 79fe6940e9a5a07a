# A cluster module in the style of terraform-aws-modules/ecs: ECS Exec logging comes from a map
# variable through nested dynamic blocks.
variable "cluster_name" {
  type = string
}

variable "cluster_configuration" {
  type = any
  default = {
    execute_command_configuration = {
      logging = "OVERRIDE"
      log_configuration = {
        cloud_watch_log_group_name = "/aws/ecs/exec"
      }
    }
  }
}

resource "aws_ecs_cluster" "this" {
  name = var.cluster_name

  dynamic "configuration" {
    for_each = length(var.cluster_configuration) > 0 ? [var.cluster_configuration] : []
    content {
      dynamic "execute_command_configuration" {
        for_each = try([configuration.value.execute_command_configuration], [{}])
        content {
          kms_key_id = try(execute_command_configuration.value.kms_key_id, null)
          logging    = try(execute_command_configuration.value.logging, "DEFAULT")

          dynamic "log_configuration" {
            for_each = try([execute_command_configuration.value.log_configuration], [])
            content {
              cloud_watch_log_group_name = try(log_configuration.value.cloud_watch_log_group_name, null)
              s3_bucket_name             = try(log_configuration.value.s3_bucket_name, null)
            }
          }
        }
      }
    }
  }
}
