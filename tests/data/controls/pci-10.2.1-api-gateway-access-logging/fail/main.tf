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

# No access_log_settings block: calls leave no record.
resource "aws_api_gateway_stage" "unlogged" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  deployment_id = "abc123"
  stage_name    = "prod"
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

# Data tracing copies request and response bodies into the execution logs.
resource "aws_api_gateway_method_settings" "tracing" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  stage_name  = aws_api_gateway_stage.unlogged.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled    = true
    logging_level      = "INFO"
    data_trace_enabled = true
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

# Access logs on, but the default route traces message bodies.
resource "aws_apigatewayv2_stage" "events_traced" {
  api_id = aws_apigatewayv2_api.events.id
  name   = "prod"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = "$context.requestId $context.status"
  }

  default_route_settings {
    logging_level          = "INFO"
    data_trace_enabled     = true
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }
}

# One route traces message bodies.
resource "aws_apigatewayv2_stage" "events_route_traced" {
  api_id = aws_apigatewayv2_api.events.id
  name   = "staging"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = "$context.requestId $context.status"
  }

  route_settings {
    route_key          = "$connect"
    logging_level      = "INFO"
    data_trace_enabled = true
  }
}

# The module's default settings are empty: no access logs.
module "checkout_api" {
  source = "./modules/http-api"
  name   = "checkout"
}
