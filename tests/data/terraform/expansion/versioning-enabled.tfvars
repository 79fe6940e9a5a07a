versioning = "Enabled"
