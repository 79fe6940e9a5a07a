CREATE TABLE billing.payment_methods (
    id serial,
    account_id bigint NOT NULL,
    kind smallint NOT NULL,
    pan_token text,
    expires char(5),
    fingerprint bytea,
    PRIMARY KEY (id),
    FOREIGN KEY (account_id) REFERENCES billing.accounts DEFERRABLE INITIALLY DEFERRED
);

ALTER TABLE billing.payment_methods ADD COLUMN last4 varchar(4);
ALTER TABLE billing.payment_methods ALTER COLUMN kind TYPE int;
ALTER TABLE billing.payment_methods DROP COLUMN fingerprint;
ALTER TABLE billing.payment_methods RENAME COLUMN expires TO expiry;
ALTER TABLE billing.payment_methods ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE UNIQUE INDEX payment_methods_token ON billing.payment_methods (pan_token) INCLUDE (last4);
ALTER TABLE billing.payment_methods
    ADD CONSTRAINT payment_methods_kind_check CHECK (kind BETWEEN 1 AND 4);
ALTER TABLE billing.payment_methods ADD CHECK (last4 ~ '^[0-9]{4}$');

CREATE POLICY account_isolation ON billing.payment_methods
    USING (account_id = current_setting('app.account_id')::bigint);
CREATE POLICY readers ON billing.payment_methods AS RESTRICTIVE FOR SELECT TO app_reader
    USING (true);
