module "shared" {
  source = "../shared"
  name   = "app"
}

module "broken" {
  source = "../broken"
}
