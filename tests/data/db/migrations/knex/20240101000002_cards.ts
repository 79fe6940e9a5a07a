import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema("payments").createTable("cards", (table) => {
    table.bigInteger("id").primary();
    table.bigInteger("customer_id").notNullable().references("payments.customers.id");
    table.text("pan_token").notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema("payments").dropTable("cards");
}
