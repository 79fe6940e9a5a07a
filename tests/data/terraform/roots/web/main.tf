module "shared" {
  source = "../common"
  name   = "web"
}

module "broken" {
  source = "../broken"
}
