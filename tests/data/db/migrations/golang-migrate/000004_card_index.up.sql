CREATE INDEX cards_customer ON payments.cards (customer_id);
