export const up = (knex) =>
  knex.schema.withSchema("payments").createTable("refunds", (table) => {
    table.bigInteger("id").primary();
    table.bigInteger("card_id").notNullable().references("payments.cards.id");
    table.decimal("amount", 12, 2).notNullable();
  });

export const down = (knex) => knex.schema.withSchema("payments").dropTable("refunds");
