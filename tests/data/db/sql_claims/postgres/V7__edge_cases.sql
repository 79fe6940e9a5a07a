-- Names PostgreSQL has to choose, quote or cut, and changes that move things around.
CREATE TABLE billing.a_table_name_that_is_quite_long_enough_to_need_cutting_down (
    a_column_name_that_is_also_rather_long_for_comfort integer UNIQUE,
    "Mixed Case" text,
    "order" integer CHECK ("order" > 0),
    "user" text,
    CHECK ("order" < 100),
    CHECK (true)
);
CREATE TABLE billing."Ledger" (
    id bigint,
    other bigint,
    code varchar,
    amount numeric(10),
    at time with time zone,
    span interval,
    flags bit(3),
    weight float(10),
    PRIMARY KEY (id, other),
    UNIQUE NULLS NOT DISTINCT (code)
);
CREATE TABLE billing.ledger_lines (
    ledger_id bigint,
    ledger_other bigint,
    line integer,
    FOREIGN KEY (ledger_id, ledger_other) REFERENCES billing."Ledger" MATCH FULL
        ON UPDATE CASCADE ON DELETE SET NULL
);
ALTER TABLE billing.ledger_lines ADD CONSTRAINT lines_ledger_fk
    FOREIGN KEY (ledger_id, ledger_other) REFERENCES billing."Ledger" (id, other) NOT VALID;
CREATE INDEX ON billing.ledger_lines (lower(line::text), upper(line::text), lower(line::text));
CREATE INDEX ON billing.ledger_lines ((line + 1));
CREATE INDEX ON billing.ledger_lines (line);
CREATE INDEX ON billing.ledger_lines (line);

CREATE TABLE billing.scratch (id int PRIMARY KEY, keep text, drop_me text UNIQUE);
CREATE INDEX scratch_both ON billing.scratch (keep, drop_me);
ALTER TABLE billing.scratch DROP COLUMN drop_me;

CREATE SCHEMA reporting_old;
CREATE TYPE reporting_old.grade AS ENUM ('a', 'b');
CREATE TABLE reporting_old.scores (id int PRIMARY KEY, grade reporting_old.grade);
ALTER SCHEMA reporting_old RENAME TO reporting;
ALTER TYPE reporting.grade RENAME TO band;
GRANT USAGE ON SCHEMA reporting TO PUBLIC;
GRANT SELECT ON reporting.scores TO PUBLIC;

CREATE FUNCTION reporting.to_band(score integer) RETURNS reporting.band
    LANGUAGE sql IMMUTABLE AS $$ SELECT 'a'::reporting.band $$;
ALTER FUNCTION reporting.to_band(integer) RENAME TO band_of;
ALTER FUNCTION reporting.band_of(integer) SECURITY DEFINER;
CREATE FUNCTION reporting.tally(VARIADIC scores integer[]) RETURNS integer
    LANGUAGE sql AS 'SELECT 0';
GRANT EXECUTE ON FUNCTION reporting.tally(integer[]) TO app_reader;

ALTER POLICY readers ON billing.payment_methods TO app_reader, app_writer;
ALTER POLICY account_isolation ON billing.payment_methods RENAME TO tenant_isolation;
CREATE POLICY writers ON billing.payment_methods FOR INSERT TO app_writer WITH CHECK (false);
CREATE POLICY gone ON billing.payment_methods;
DROP POLICY gone ON billing.payment_methods;

ALTER VIEW billing.open_invoices SET (security_invoker = off);
CREATE OR REPLACE VIEW billing.open_invoices WITH (security_invoker) AS
    SELECT i.id, i.account_id, i.total FROM billing.invoices i WHERE i.status = 'open';

ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO app_reader;
CREATE SCHEMA later;
ALTER TABLE billing.legacy ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE billing.legacy OWNER TO app_writer;
GRANT SELECT ON billing.legacy TO app_writer;
