output "api_url" {
  value = "https://${aws_lb.api.dns_name}"
}

output "statements_bucket" {
  value = module.data_bucket["statements"].bucket_id
}

output "queue_urls" {
  value = { for name, queue in aws_sqs_queue.jobs : name => queue.url }
}

output "db_secret_arn" {
  value = aws_secretsmanager_secret.db_password.arn
}
