provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/apigateway/payments"
  retention_in_days = 400
}

resource "aws_api_gateway_rest_api" "payments" {
  name = "payments"
}

resource "aws_api_gateway_stage" "unlogged" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  deployment_id = "abc123"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = jsonencode({ requestId = "$context.requestId", status = "$context.status" })
  }
}

resource "aws_api_gateway_stage" "logged" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  deployment_id = "abc123"
  stage_name    = "sandbox"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = jsonencode({ requestId = "$context.requestId", status = "$context.status" })
  }
}

resource "aws_api_gateway_method_settings" "tracing" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  stage_name  = aws_api_gateway_stage.unlogged.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled    = true
    logging_level      = "INFO"
    data_trace_enabled = false
  }
}

# data_trace_enabled left out: the provider's default is off.
resource "aws_api_gateway_method_settings" "errors_only" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  stage_name  = aws_api_gateway_stage.logged.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled = true
    logging_level   = "ERROR"
  }
}

resource "aws_apigatewayv2_api" "events" {
  name                       = "events"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "events_traced" {
  api_id = aws_apigatewayv2_api.events.id
  name   = "prod"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = "$context.requestId $context.status"
  }

  default_route_settings {
    logging_level          = "INFO"
    data_trace_enabled     = false
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }
}

resource "aws_apigatewayv2_stage" "events_route_traced" {
  api_id = aws_apigatewayv2_api.events.id
  name   = "staging"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = "$context.requestId $context.status"
  }

  # data_trace_enabled left out: off by default.
  route_settings {
    route_key     = "$connect"
    logging_level = "INFO"
  }
}

module "checkout_api" {
  source = "./modules/http-api"
  name   = "checkout"

  stage_access_log_settings = {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/apigateway/checkout"
    format          = "$context.requestId $context.status"
  }
}
