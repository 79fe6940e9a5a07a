exports.up = function (knex) {
  return knex.schema.createSchema("payments").then(() =>
    knex.schema.withSchema("payments").createTable("customers", (table) => {
      table.bigInteger("id").primary();
      table.text("email").notNullable();
    }),
  );
};

exports.down = function (knex) {
  return knex.schema.dropSchema("payments", true);
};
