# Shaped like terraform-aws-modules/apigateway-v2: access logs only when settings are passed.
variable "name" {
  type = string
}

variable "stage_access_log_settings" {
  type    = map(string)
  default = {}
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "this" {
  count       = 1
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  dynamic "access_log_settings" {
    for_each = length(var.stage_access_log_settings) > 0 ? [var.stage_access_log_settings] : []
    content {
      destination_arn = access_log_settings.value.destination_arn
      format          = try(access_log_settings.value.format, null)
    }
  }
}
