environment        = "prod"
log_retention_days = 30
extra_tags = {
  CostCenter = "fin-platform"
}
