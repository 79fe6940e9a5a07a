# A function module in the style of terraform-aws-modules/lambda: the runtime comes in as a
# variable with the module's default.
variable "create" {
  type    = bool
  default = true
}

variable "function_name" {
  type = string
}

variable "runtime" {
  type    = string
  default = "nodejs18.x"
}

variable "handler" {
  type    = string
  default = "index.handler"
}

variable "package_type" {
  type    = string
  default = "Zip"
}

variable "role_arn" {
  type = string
}

resource "aws_lambda_function" "this" {
  count = var.create ? 1 : 0

  function_name = var.function_name
  role          = var.role_arn
  package_type  = var.package_type
  runtime       = var.package_type == "Zip" ? var.runtime : null
  handler       = var.package_type == "Zip" ? var.handler : null
  filename      = "${var.function_name}.zip"
}
