CREATE VIEW billing.open_invoices WITH (security_invoker = true) AS
    SELECT i.id, i.account_id, i.total FROM billing.invoices i WHERE i.status = 'open';

CREATE VIEW billing.account_summary AS
    SELECT a.id, count(i.id) AS invoices
    FROM billing.accounts a LEFT JOIN billing.invoices i ON i.account_id = a.id
    GROUP BY a.id;

CREATE MATERIALIZED VIEW billing.monthly_totals AS
    SELECT date_trunc('month', issued_on) AS month, sum(total) AS total
    FROM billing.invoices GROUP BY 1;

CREATE FUNCTION billing.account_balance(p_account bigint, OUT balance numeric)
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(sum(total), 0) FROM billing.invoices WHERE account_id = p_account $$;

CREATE OR REPLACE FUNCTION billing.close_account(p_account bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = billing, pg_temp
AS $$
BEGIN
    UPDATE billing.accounts SET is_active = false WHERE id = p_account;
END
$$;

CREATE FUNCTION audit.log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END
$$;

CREATE TRIGGER accounts_audit AFTER UPDATE ON billing.accounts
    FOR EACH ROW EXECUTE FUNCTION audit.log_change();

CREATE PROCEDURE billing.purge(days integer DEFAULT 30)
    LANGUAGE sql
    AS $$ DELETE FROM billing.invoices WHERE status = 'void' $$;

ALTER FUNCTION billing.account_balance(bigint) SET search_path = billing;
