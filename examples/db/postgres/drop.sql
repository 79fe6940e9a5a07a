-- Removes what insecure.sql and compliant.sql create: both example databases, then the example
-- roles they created, as drop-roles.sql does (never a role they did not create, and none that
-- another database still uses). A psql script:
--     psql -h 127.0.0.1 -U postgres -d postgres -f examples/db/postgres/drop.sql
DROP DATABASE IF EXISTS fintech_insecure WITH (FORCE);
DROP DATABASE IF EXISTS fintech_compliant WITH (FORCE);
\ir drop-roles.sql
