module "shared" {
  source = "../shared"
  name   = "web"
}

module "broken" {
  source = "../broken"
}
