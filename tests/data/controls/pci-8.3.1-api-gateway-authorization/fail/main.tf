provider "aws" {
  region = "eu-west-1"
}

# No endpoint_configuration: an EDGE API, reachable from the internet.
resource "aws_api_gateway_rest_api" "payments" {
  name = "payments"
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
  authorization = "NONE"
}

resource "aws_api_gateway_resource" "proxy" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  parent_id   = aws_api_gateway_rest_api.payments.root_resource_id
  path_part   = "{proxy+}"
}

resource "aws_api_gateway_method" "proxy_any" {
  rest_api_id      = aws_api_gateway_rest_api.payments.id
  resource_id      = aws_api_gateway_resource.proxy.id
  http_method      = "ANY"
  authorization    = "NONE"
  api_key_required = false
}

# An OPTIONS method that reaches a Lambda function is no CORS preflight answer.
resource "aws_api_gateway_method" "charge_options" {
  rest_api_id   = aws_api_gateway_rest_api.payments.id
  resource_id   = aws_api_gateway_resource.charge.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "charge_options" {
  rest_api_id             = aws_api_gateway_rest_api.payments.id
  resource_id             = aws_api_gateway_resource.charge.id
  http_method             = aws_api_gateway_method.charge_options.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:charge/invocations"
}

resource "aws_apigatewayv2_api" "checkout" {
  name          = "checkout"
  protocol_type = "HTTP"
}

# authorization_type left out: NONE.
resource "aws_apigatewayv2_route" "charge" {
  api_id    = aws_apigatewayv2_api.checkout.id
  route_key = "POST /charge"
  target    = "integrations/abc123"
}

resource "aws_apigatewayv2_route" "default" {
  api_id             = aws_apigatewayv2_api.checkout.id
  route_key          = "$default"
  authorization_type = "NONE"
  target             = "integrations/abc123"
}

resource "aws_apigatewayv2_api" "events" {
  name                       = "payment-events"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_route" "connect" {
  api_id    = aws_apigatewayv2_api.events.id
  route_key = "$connect"
}

# Only $connect takes an authorizer in a WebSocket API: other routes are not judged.
resource "aws_apigatewayv2_route" "subscribe" {
  api_id    = aws_apigatewayv2_api.events.id
  route_key = "subscribe"
}
