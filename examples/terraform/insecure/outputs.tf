output "api_url" {
  value = "http://${aws_lb.api.dns_name}"
}

output "statements_bucket" {
  value = module.data_bucket["statements"].bucket_id
}

output "queue_urls" {
  value = { for name, queue in aws_sqs_queue.jobs : name => queue.url }
}

output "db_password" {
  value     = var.db_password
  sensitive = true
}
