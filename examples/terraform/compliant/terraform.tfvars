environment        = "prod"
log_retention_days = 365
extra_tags = {
  CostCenter = "fin-platform"
}
