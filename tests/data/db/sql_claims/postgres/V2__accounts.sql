SET search_path TO billing, public;

CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    external_ref uuid NOT NULL UNIQUE,
    name varchar(200) NOT NULL,
    country char(2) NOT NULL DEFAULT 'GB',
    created_at timestamptz NOT NULL DEFAULT now(),
    settings jsonb NOT NULL DEFAULT '{}',
    is_active bool DEFAULT true,
    tags text[] DEFAULT '{}',
    score double precision,
    ratio real,
    CONSTRAINT accounts_name_not_blank CHECK (length(trim(name)) > 0)
);

CREATE TABLE invoices (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status invoice_status NOT NULL DEFAULT 'draft',
    total positive_amount,
    issued_on date,
    due_at timestamp(0),
    notes text,
    UNIQUE (account_id, issued_on)
);

CREATE INDEX ON invoices (status) WHERE status <> 'void';
CREATE INDEX invoices_due ON invoices (due_at DESC NULLS LAST);
CREATE INDEX ON invoices USING gin (to_tsvector('english', notes));
CREATE INDEX ON invoices (account_id, status);
