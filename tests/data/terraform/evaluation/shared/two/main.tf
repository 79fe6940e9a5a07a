module "database" {
  source    = "../modules/database"
  encrypted = false
}
