CREATE TABLE cards (
    id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    pan_token VARCHAR(64) NOT NULL,
    CONSTRAINT cards_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
);
CREATE INDEX cards_token ON cards (pan_token);
