unused = "value"
