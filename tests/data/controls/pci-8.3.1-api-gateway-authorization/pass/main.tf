provider "aws" {
  region = "eu-west-1"
}

resource "aws_api_gateway_rest_api" "payments" {
  name = "payments"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_authorizer" "token" {
  name           = "token"
  rest_api_id    = aws_api_gateway_rest_api.payments.id
  authorizer_uri = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:authorizer/invocations"
}

resource "aws_api_gateway_resource" "charge" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  parent_id   = aws_api_gateway_rest_api.payments.root_resource_id
  path_part   = "charge"
}

resource "aws_api_gateway_method" "charge_post" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  resource_id   = aws_api_gateway_resource.charge.id
  http_method   = "POST"
  authorization = "CUSTOM"
  authorizer_id = aws_api_gateway_authorizer.token.id
}

resource "aws_api_gateway_resource" "proxy" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  parent_id   = aws_api_gateway_rest_api.payments.root_resource_id
  path_part   = "{proxy+}"
}

resource "aws_api_gateway_method" "proxy_any" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  resource_id   = aws_api_gateway_resource.proxy.id
  http_method   = "ANY"
  authorization = "AWS_IAM"
}

# A partner integration that presents an API key.
resource "aws_api_gateway_method" "charge_get" {
  rest_api_id      = aws_api_gateway_rest_api.payments.id
  resource_id      = aws_api_gateway_resource.charge.id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

# CORS preflight answered by API Gateway itself: not judged.
resource "aws_api_gateway_method" "charge_options" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  resource_id   = aws_api_gateway_resource.charge.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "charge_options" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  resource_id = aws_api_gateway_resource.charge.id
  http_method = aws_api_gateway_method.charge_options.http_method
  type        = "MOCK"

  request_templates = {
    "application/json" = jsonencode({ statusCode = 200 })
  }
}

# Reachable only through VPC endpoints: not judged.
resource "aws_api_gateway_rest_api" "ledger" {
  name = "ledger"

  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_method" "ledger_get" {
  rest_api_id   = aws_api_gateway_rest_api.ledger.id
  resource_id   = aws_api_gateway_rest_api.ledger.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

# Declared public by its owner: not judged.
resource "aws_api_gateway_rest_api" "status" {
  name = "status"

  tags = {
    Exposure = "public"
  }
}

resource "aws_api_gateway_method" "health" {
  rest_api_id   = aws_api_gateway_rest_api.status.id
  resource_id   = aws_api_gateway_rest_api.status.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_apigatewayv2_api" "checkout" {
  name          = "checkout"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.checkout.id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = "cognito"

  jwt_configuration {
    audience = ["checkout"]
    issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE"
  }
}

resource "aws_apigatewayv2_route" "charge" {
  api_id             = aws_apigatewayv2_api.checkout.id
  route_key          = "POST /charge"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
  target             = "integrations/abc123"
}

resource "aws_apigatewayv2_route" "default" {
  api_id             = aws_apigatewayv2_api.checkout.id
  route_key          = "$default"
  authorization_type = "AWS_IAM"
  target             = "integrations/abc123"
}

resource "aws_apigatewayv2_api" "status" {
  name          = "status"
  protocol_type = "HTTP"

  tags = {
    Exposure = "public"
  }
}

resource "aws_apigatewayv2_route" "health" {
  api_id    = aws_apigatewayv2_api.status.id
  route_key = "GET /health"
}

resource "aws_apigatewayv2_api" "events" {
  name                       = "payment-events"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_route" "connect" {
  api_id             = aws_apigatewayv2_api.events.id
  route_key          = "$connect"
  authorization_type = "CUSTOM"
  authorizer_id      = "a1b2c3"
}

resource "aws_apigatewayv2_route" "subscribe" {
  api_id    = aws_apigatewayv2_api.events.id
  route_key = "subscribe"
}
