provider "aws" {
  region = "eu-west-1"
}

variable "encrypt_cache" {
  type    = bool
  default = true
}

resource "aws_api_gateway_rest_api" "payments" {
  name = "payments"
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.payments.id
  deployment_id         = "abc123"
  stage_name            = "prod"
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
}

# Every method cached.
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}

resource "aws_api_gateway_method_settings" "accounts" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "accounts/GET"

  settings {
    caching_enabled      = true
    cache_data_encrypted = var.encrypt_cache
  }
}

resource "aws_api_gateway_method_settings" "cards" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "cards/GET"

  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}

resource "aws_api_gateway_method_settings" "refunds" {
  rest_api_id = aws_api_gateway_rest_api.payments.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "refunds/POST"

  settings {
    metrics_enabled = true
  }
}
