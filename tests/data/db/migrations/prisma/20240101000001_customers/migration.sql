-- CreateTable
CREATE SCHEMA payments;
CREATE TABLE payments.customers (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
