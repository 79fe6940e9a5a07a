-- A small fintech database with the problems assaymark's database controls find.
-- Load it into a fresh database as the postgres superuser:
--   createdb fintech_insecure
--   psql -v ON_ERROR_STOP=1 -d fintech_insecure -f examples/db/postgres/insecure.sql
--   assaymark scan db --dsn postgresql://postgres@127.0.0.1:5432/fintech_insecure \
--     --untrusted-role fintech_anon --untrusted-role fintech_authenticated
-- Roles are cluster-wide, so the example's roles have names of their own: fintech_anon and
-- fintech_authenticated play a Supabase-style API's anon and authenticated, which a server may
-- hold for real. It creates the missing ones (marked with a comment, which is how drop.sql
-- tells them from roles it must leave alone), sets their attributes for the whole server, and
-- stops rather than change a role of such a name that it did not create. The card numbers
-- are the well-known test number 4111 1111 1111 1111, never a real card.

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['fintech_anon', 'fintech_authenticated', 'fintech_web_readers',
                                'fintech_app_service', 'fintech_reporting']
    LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', name);
            EXECUTE format('COMMENT ON ROLE %I IS %L', name, 'assaymark example role');
        ELSIF shobj_description((SELECT oid FROM pg_roles WHERE rolname = name), 'pg_authid')
                IS DISTINCT FROM 'assaymark example role' THEN
            RAISE EXCEPTION 'role % exists, and this example did not create it', name
                USING HINT = 'The example changes its roles for the whole server: load it '
                             'where no other role has that name.';
        END IF;
    END LOOP;
END $$;

-- Problem: superuser sprawl: the reporting login is a superuser, and never expires.
ALTER ROLE fintech_reporting WITH LOGIN SUPERUSER VALID UNTIL 'infinity';
-- Problem: the application's login bypasses row-level security, and never expires.
ALTER ROLE fintech_app_service WITH LOGIN NOSUPERUSER BYPASSRLS VALID UNTIL 'infinity';
ALTER ROLE fintech_web_readers WITH NOLOGIN NOSUPERUSER NOBYPASSRLS;
ALTER ROLE fintech_anon WITH NOLOGIN NOSUPERUSER NOBYPASSRLS;
ALTER ROLE fintech_authenticated WITH NOLOGIN NOSUPERUSER NOBYPASSRLS;

CREATE SCHEMA customers;
CREATE SCHEMA payments;

CREATE TABLE customers.customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name text NOT NULL,
    email text NOT NULL,
    phone text,
    date_of_birth date,
    address text
);

CREATE TABLE payments.cards (
    card_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers.customers,
    -- Problem: the primary account number is stored in clear.
    pan text NOT NULL,
    expiry date NOT NULL,
    cardholder_name text NOT NULL,
    pan_token text NOT NULL,
    last4 char(4) NOT NULL
);

CREATE TABLE payments.payments (
    payment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_id bigint NOT NULL REFERENCES payments.cards,
    amount numeric(12, 2) NOT NULL,
    currency char(3) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payments.ledger (
    entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id bigint NOT NULL REFERENCES payments.payments,
    account text NOT NULL,
    debit numeric(12, 2) NOT NULL DEFAULT 0,
    credit numeric(12, 2) NOT NULL DEFAULT 0,
    posted_at timestamptz NOT NULL DEFAULT now()
);

-- The migration history says refunds were created; the table was dropped by hand since
-- (the drift check against examples/db/postgres/expectations.yaml reports it).
CREATE TABLE public.schema_migrations (version text PRIMARY KEY, applied_at timestamptz);
INSERT INTO public.schema_migrations VALUES
    ('20260901_customers_and_cards', now()),
    ('20260915_payments_and_ledger', now()),
    ('20261001_refunds', now());

-- Problem: a table no migration created (drift), holding free-text notes.
CREATE TABLE payments.card_notes (
    note_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_id bigint NOT NULL REFERENCES payments.cards,
    note text NOT NULL
);

INSERT INTO customers.customers (full_name, email, phone, date_of_birth, address)
VALUES ('Ada Example', 'ada@example.com', '+44 20 7946 0000', '1985-12-10', '1 Test Street');
INSERT INTO payments.cards (customer_id, pan, expiry, cardholder_name, pan_token, last4)
VALUES (1, '4111111111111111', '2028-01-31', 'ADA EXAMPLE', 'tok_8f2c41d0', '1111');
INSERT INTO payments.payments (card_id, amount, currency) VALUES (1, 42.50, 'EUR');
INSERT INTO payments.ledger (payment_id, account, debit) VALUES (1, 'merchant:coffee', 42.50);
-- Problem: a support agent pasted the card number into a free-text note.
INSERT INTO payments.card_notes (card_id, note)
VALUES (1, 'Customer read out card 4111 1111 1111 1111 on the phone, please call back');

-- Problem: every role may look up objects in the payments schema.
GRANT USAGE ON SCHEMA payments TO PUBLIC;
GRANT USAGE ON SCHEMA customers TO fintech_anon, fintech_authenticated;

-- Problem: fintech_anon reads the cards table through its membership in a group role; no
-- grant names fintech_anon itself.
GRANT SELECT ON payments.cards TO fintech_web_readers;
GRANT fintech_web_readers TO fintech_anon;

-- Problem: the ledger is readable by every role.
GRANT SELECT ON payments.ledger TO PUBLIC;

-- Problem: row-level security is on, but the policy lets every signed-in user see every row.
ALTER TABLE customers.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY customers_read ON customers.customers FOR SELECT TO fintech_authenticated
    USING (true);
GRANT SELECT ON customers.customers TO fintech_authenticated;

-- Problem: a view owned by the superuser, without security_invoker, reads the customers table
-- with its owner's rights (bypassing row-level security), and fintech_anon may read it.
CREATE VIEW customers.customer_directory AS
SELECT customer_id, full_name, email, phone FROM customers.customers;
GRANT SELECT ON customers.customer_directory TO fintech_anon;

-- Problem: a SECURITY DEFINER function without a fixed search_path, executable by PUBLIC
-- (the default for functions), returns card numbers.
CREATE FUNCTION payments.card_lookup(p_last4 text)
RETURNS TABLE (card_id bigint, pan text)
LANGUAGE sql SECURITY DEFINER
AS $$ SELECT card_id, pan FROM payments.cards WHERE last4 = p_last4 $$;

-- Problem: every table created in payments from now on is readable by every role.
ALTER DEFAULT PRIVILEGES IN SCHEMA payments GRANT SELECT ON TABLES TO PUBLIC;
