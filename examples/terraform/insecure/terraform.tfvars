environment        = "prod"
log_retention_days = 30
