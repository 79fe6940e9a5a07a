-- migrate:up transaction:false
CREATE INDEX cards_customer ON payments.cards (customer_id);

-- migrate:down
DROP INDEX payments.cards_customer;
