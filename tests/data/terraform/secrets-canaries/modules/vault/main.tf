variable "seed" {
  type = string
}

output "handle" {
  value     = "vault-${var.seed}"
  sensitive = true
}
