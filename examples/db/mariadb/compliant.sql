-- fintech_compliant: the same payments database, set up as PCI DSS and GDPR expect. Load it
-- with
--     mariadb -h 127.0.0.1 -u root < compliant.sql
-- and scan it with `fc_web` configured as untrusted. Accounts and roles are server-wide, so
-- the example's have names of their own (fc_*): drop.sql removes them (and the database)
-- again, and no other account.

CREATE DATABASE IF NOT EXISTS fintech_compliant;
USE fintech_compliant;

CREATE TABLE IF NOT EXISTS customers (
  id INT PRIMARY KEY,
  full_name VARCHAR(120) NOT NULL,
  email VARCHAR(255) NOT NULL,
  phone VARCHAR(32),
  date_of_birth DATE,
  address VARCHAR(255)
);

-- Cards hold a token from the vault and the last four digits, never the card number.
CREATE TABLE IF NOT EXISTS cards (
  id INT PRIMARY KEY,
  customer_id INT NOT NULL,
  pan_token CHAR(36) NOT NULL,
  last4 CHAR(4) NOT NULL
);

CREATE TABLE IF NOT EXISTS payments (
  id BIGINT PRIMARY KEY,
  card_id INT NOT NULL,
  amount_cents BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at DATETIME NOT NULL
);

CREATE TABLE IF NOT EXISTS ledger (
  id BIGINT PRIMARY KEY,
  payment_id BIGINT NOT NULL,
  account VARCHAR(64) NOT NULL,
  debit_cents BIGINT NOT NULL DEFAULT 0,
  credit_cents BIGINT NOT NULL DEFAULT 0
);

-- Reference data the web application may read: nothing personal, nothing about cards.
CREATE TABLE IF NOT EXISTS currencies (
  code CHAR(3) PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  minor_units TINYINT NOT NULL
);

INSERT IGNORE INTO customers VALUES
  (1, 'Ada Example', 'ada@example.com', '+44 20 7946 0000', '1985-04-01', '1 Example Road, London');
INSERT IGNORE INTO cards VALUES (1, 1, '0b5c6f1e-8d0a-4f7e-9a51-3c2d9e7b4a10', '1111');
INSERT IGNORE INTO payments VALUES (1, 1, 2500, 'GBP', 'settled', '2024-05-01 10:00:00');
INSERT IGNORE INTO ledger VALUES (1, 1, 'merchant:42', 0, 2500), (2, 1, 'customer:1', 2500, 0);
INSERT IGNORE INTO currencies VALUES ('GBP', 'Pound sterling', 2), ('EUR', 'Euro', 2);

-- Views and procedures run with the caller's rights (SQL SECURITY INVOKER), so they give no
-- one more than their own grants.
CREATE OR REPLACE SQL SECURITY INVOKER VIEW payment_status AS
  SELECT id, status, created_at FROM payments;
CREATE OR REPLACE PROCEDURE card_last4(IN p_card_id INT)
  SQL SECURITY INVOKER
  SELECT last4 FROM cards WHERE id = p_card_id;

-- The web application's role reads reference data and the status of payments, nothing else.
CREATE ROLE IF NOT EXISTS fc_readers;
GRANT SELECT ON fintech_compliant.currencies TO fc_readers;
GRANT SELECT ON fintech_compliant.payment_status TO fc_readers;
GRANT SELECT (id, status, created_at) ON fintech_compliant.payments TO fc_readers;

-- Application accounts log in only from the application subnet, with a password. (The hashes
-- are of random values nobody knows: set real passwords with ALTER USER when deploying.)
CREATE USER IF NOT EXISTS 'fc_web'@'10.20.%' IDENTIFIED BY PASSWORD '*1B75638CE6AF65731B235B946920FAC733A410CE';
GRANT fc_readers TO 'fc_web'@'10.20.%';
SET DEFAULT ROLE fc_readers FOR 'fc_web'@'10.20.%';

CREATE USER IF NOT EXISTS 'fc_batch'@'10.20.%' IDENTIFIED BY PASSWORD '*C7823C0A643A97F872C98BE94F748DAD19CB797A';
GRANT SELECT, INSERT ON fintech_compliant.payments TO 'fc_batch'@'10.20.%';
GRANT SELECT, INSERT ON fintech_compliant.ledger TO 'fc_batch'@'10.20.%';

-- Schema changes come from the database host itself, authenticated by the operating system.
CREATE USER IF NOT EXISTS 'fc_migrate'@'localhost' IDENTIFIED VIA unix_socket;
GRANT ALL PRIVILEGES ON fintech_compliant.* TO 'fc_migrate'@'localhost';
