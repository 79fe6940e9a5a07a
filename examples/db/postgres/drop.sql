-- Removes what insecure.sql and compliant.sql create: both example databases and the example
-- roles (cluster-wide: do not run it on a server where roles of these names are in use).
--     psql -h 127.0.0.1 -U postgres -d postgres -f examples/db/postgres/drop.sql
DROP DATABASE IF EXISTS fintech_insecure WITH (FORCE);
DROP DATABASE IF EXISTS fintech_compliant WITH (FORCE);
DROP ROLE IF EXISTS anon, authenticated, web_readers, app_service, reporting;
