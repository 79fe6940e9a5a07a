# Two modules feeding each other, as Terraform's graph of single values allows: the cache
# takes the service's security group, the service takes the cache's URL.
module "cache" {
  source             = "./modules/cache"
  name               = "payments"
  allowed_groups     = [module.service.security_group_id]
  at_rest_encryption = true
}

module "service" {
  source    = "./modules/service"
  name      = "payments"
  cache_url = module.cache.url
}

# A policy passed into the module that refers to the module's own output.
module "statements" {
  source             = "./modules/cache"
  name               = "statements"
  allowed_groups     = []
  at_rest_encryption = true
  policy             = data.aws_iam_policy_document.statements.json
}

data "aws_iam_policy_document" "statements" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [module.statements.arn]
  }
}

output "service_url" {
  value = module.service.url
}
