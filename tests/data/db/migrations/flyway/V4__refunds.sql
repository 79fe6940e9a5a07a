CREATE TABLE payments.refunds (
    id bigint PRIMARY KEY,
    card_id bigint NOT NULL,
    amount numeric(12, 2) NOT NULL
);
ALTER TABLE payments.refunds ENABLE ROW LEVEL SECURITY;
CREATE POLICY refunds_reader ON payments.refunds FOR SELECT TO app_reader
    USING (amount < 1000);
GRANT SELECT ON payments.refunds TO app_reader;
