GRANT USAGE ON SCHEMA payments TO app_reader;
GRANT SELECT ON payments.customers TO app_reader;
