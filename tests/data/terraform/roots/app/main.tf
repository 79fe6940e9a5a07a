module "shared" {
  source = "../common"
  name   = "app"
}

module "broken" {
  source = "../broken"
}
