locals {
  log_groups = {
    api    = "/ecs/${local.name}/api"
    worker = "/ecs/${local.name}/worker"
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = local.log_groups
  name              = each.value
  retention_in_days = var.log_retention_days
}

resource "aws_cloudtrail" "main" {
  name                          = "${local.name}-trail"
  s3_bucket_name                = module.cloudtrail_logs.bucket_id
  include_global_service_events = true
  depends_on                    = [module.cloudtrail_logs]
}
