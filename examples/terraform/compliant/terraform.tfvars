environment        = "prod"
log_retention_days = 400
extra_tags = {
  CostCenter = "fin-platform"
}
