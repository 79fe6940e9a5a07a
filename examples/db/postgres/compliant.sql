-- The same fintech database as insecure.sql, set up the way assaymark's database controls ask.
-- Load it into a fresh database as the postgres superuser:
--   createdb fintech_compliant
--   psql -v ON_ERROR_STOP=1 -d fintech_compliant -f examples/db/postgres/compliant.sql
--   assaymark scan db --dsn postgresql://postgres@127.0.0.1:5432/fintech_compliant \
--     --untrusted-role fintech_anon --untrusted-role fintech_authenticated
-- Roles are cluster-wide: like insecure.sql, it creates the fintech_* roles that are missing
-- (marked with a comment for drop.sql), stops rather than change a role of such a name that
-- it did not create, and sets their attributes for the whole server, undoing what
-- insecure.sql set.

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

-- No superuser but postgres, no role that bypasses row-level security, and logins expire.
ALTER ROLE fintech_reporting WITH LOGIN NOSUPERUSER NOBYPASSRLS VALID UNTIL '2027-06-30';
ALTER ROLE fintech_app_service WITH LOGIN NOSUPERUSER NOBYPASSRLS VALID UNTIL '2027-06-30';
ALTER ROLE fintech_web_readers WITH NOLOGIN NOSUPERUSER NOBYPASSRLS;
ALTER ROLE fintech_anon WITH NOLOGIN NOSUPERUSER NOBYPASSRLS;
ALTER ROLE fintech_authenticated WITH NOLOGIN NOSUPERUSER NOBYPASSRLS;
-- fintech_anon belongs to no group role (insecure.sql made it a member of one).
DO $$
BEGIN
    IF pg_has_role('fintech_anon', 'fintech_web_readers', 'MEMBER') THEN
        REVOKE fintech_web_readers FROM fintech_anon;
    END IF;
END $$;

-- Nobody creates objects in the public schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

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

-- Cards hold a token and the last four digits, never the card number.
CREATE TABLE payments.cards (
    card_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers.customers,
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

CREATE TABLE payments.refunds (
    refund_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id bigint NOT NULL REFERENCES payments.payments,
    amount numeric(12, 2) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The migration history matches what exists (examples/db/postgres/expectations.yaml).
CREATE TABLE public.schema_migrations (version text PRIMARY KEY, applied_at timestamptz);
INSERT INTO public.schema_migrations VALUES
    ('20260901_customers_and_cards', now()),
    ('20260915_payments_and_ledger', now()),
    ('20261001_refunds', now());

INSERT INTO customers.customers (full_name, email, phone, date_of_birth, address)
VALUES ('Ada Example', 'ada@example.com', '+44 20 7946 0000', '1985-12-10', '1 Test Street');
INSERT INTO payments.cards (customer_id, expiry, cardholder_name, pan_token, last4)
VALUES (1, '2028-01-31', 'ADA EXAMPLE', 'tok_8f2c41d0', '1111');

-- Signed-in users see their own customer row only, even the table's owner (FORCE).
GRANT USAGE ON SCHEMA customers TO fintech_authenticated;
ALTER TABLE customers.customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE customers.customers FORCE ROW LEVEL SECURITY;
CREATE POLICY customers_own_row ON customers.customers FOR SELECT TO fintech_authenticated
    USING (customer_id = current_setting('app.customer_id', true)::bigint);
GRANT SELECT ON customers.customers TO fintech_authenticated;

-- The view runs with the caller's rights, so the policy above still applies.
CREATE VIEW customers.customer_directory WITH (security_invoker = true) AS
SELECT customer_id, full_name, email, phone FROM customers.customers;
GRANT SELECT ON customers.customer_directory TO fintech_authenticated;

-- Card tables are for the application only, under row-level security as well.
GRANT USAGE ON SCHEMA payments TO fintech_app_service, fintech_reporting;
ALTER TABLE payments.cards ENABLE ROW LEVEL SECURITY;
ALTER TABLE payments.cards FORCE ROW LEVEL SECURITY;
CREATE POLICY cards_own_customer ON payments.cards FOR SELECT TO fintech_app_service
    USING (customer_id = current_setting('app.customer_id', true)::bigint);
GRANT SELECT ON payments.cards, payments.payments, payments.refunds TO fintech_app_service;
GRANT SELECT ON payments.ledger TO fintech_reporting;

-- SECURITY DEFINER with a fixed search_path, executable by the application only.
CREATE FUNCTION payments.card_lookup(p_last4 text)
RETURNS TABLE (card_id bigint, pan_token text)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$ SELECT card_id, pan_token FROM payments.cards WHERE last4 = p_last4 $$;
REVOKE EXECUTE ON FUNCTION payments.card_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payments.card_lookup(text) TO fintech_app_service;

-- Functions created from now on are not executable by PUBLIC either.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
