# A root module whose child lies outside its folder: the child reads its own files.
module "policy" {
  source = "../module"
  name   = "payments"
}

locals {
  policy    = module.policy.policy
  greeting  = module.policy.greeting
  configs   = module.policy.configs
  exists    = module.policy.exists
  from_root = module.policy.from_root
  digest    = module.policy.digest
  outside   = module.policy.outside
  own_note  = file("${path.module}/root.txt")
  relative  = file("root.txt")
}
