variable "name" {
  type = string
}

resource "aws_iam_policy" "this" {
  name   = var.name
  policy = file("${path.module}/policy.json")
}

output "policy" {
  value = jsondecode(file("${path.module}/policy.json"))
}

output "greeting" {
  value = templatefile("${path.module}/greeting.tftpl", { name = var.name })
}

output "configs" {
  value = fileset(path.module, "configs/**/*.json")
}

output "exists" {
  value = [fileexists("${path.module}/policy.json"), fileexists("${path.module}/missing.json")]
}

# Relative paths are relative to the root module's folder, where Terraform runs.
output "from_root" {
  value = file("root.txt")
}

output "digest" {
  value = filesha256("${path.module}/policy.json")
}

output "outside" {
  value = file("${path.module}/../../../../conftest.py")
}
