--liquibase formatted sql

--changeset alice:1
--comment: The customers and their schema.
CREATE SCHEMA payments;
CREATE TABLE payments.customers (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
--rollback DROP TABLE payments.customers;
--rollback DROP SCHEMA payments;
