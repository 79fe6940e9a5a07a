module "database" {
  source    = "../modules/database"
  encrypted = true
}
