REVOKE ALL ON SCHEMA billing FROM PUBLIC;
GRANT USAGE ON SCHEMA billing TO app_reader, app_writer;
GRANT USAGE ON SCHEMA audit TO app_reader;

GRANT SELECT ON ALL TABLES IN SCHEMA billing TO app_reader;
GRANT SELECT, INSERT, UPDATE ON billing.accounts, billing.invoices TO app_writer;
GRANT SELECT (id, account_id, last4), UPDATE (last4) ON billing.payment_methods TO app_writer;
GRANT ALL ON billing.monthly_totals TO app_writer WITH GRANT OPTION;
REVOKE TRUNCATE, TRIGGER ON billing.monthly_totals FROM app_writer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA billing TO app_writer;

REVOKE EXECUTE ON FUNCTION billing.close_account(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION billing.close_account TO app_writer;
REVOKE SELECT ON billing.payment_methods FROM app_reader;

ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO app_reader;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

COMMENT ON TABLE billing.accounts IS 'Customers billed by the service';
