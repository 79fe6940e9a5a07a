output "api_url" {
  value = "https://${aws_lb.api.dns_name}"
}

output "statements_bucket" {
  value = module.data_bucket["statements"].bucket_id
}
