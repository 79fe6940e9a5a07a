-- A billing service's migrations, written the way teams write them: qualified and not,
-- with search_path changes, renames, drops and grants in bulk.
CREATE SCHEMA IF NOT EXISTS billing;
CREATE SCHEMA audit;

CREATE TYPE billing.invoice_status AS ENUM ('draft', 'open', 'paid', 'void');
CREATE DOMAIN billing.positive_amount AS numeric(14, 2) CHECK (VALUE > 0);
CREATE EXTENSION IF NOT EXISTS plpgsql;
