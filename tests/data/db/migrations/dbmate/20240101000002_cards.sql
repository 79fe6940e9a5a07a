-- migrate:up
CREATE TABLE payments.cards (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES payments.customers (id),
    pan_token text NOT NULL,
    last4 char(4)
);
ALTER TABLE payments.cards ENABLE ROW LEVEL SECURITY;

-- migrate:down
DROP TABLE payments.cards;
