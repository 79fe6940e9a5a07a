-- fintech_insecure: a small payments database with the access problems assaymark must find,
-- each planted under a comment starting with PROBLEM. Load it with
--     mariadb -h 127.0.0.1 -u root < insecure.sql
-- and scan it with `fi_web` configured as untrusted. Accounts and roles are server-wide, so
-- the example's have names (fi_*) or hosts (192.0.2.%, a network reserved for documentation)
-- of their own: drop.sql removes them (and the database) again, and no other account.

CREATE DATABASE IF NOT EXISTS fintech_insecure;
USE fintech_insecure;

CREATE TABLE IF NOT EXISTS customers (
  id INT PRIMARY KEY,
  full_name VARCHAR(120) NOT NULL,
  email VARCHAR(255) NOT NULL,
  phone VARCHAR(32),
  date_of_birth DATE,
  address VARCHAR(255)
);

-- PROBLEM: full card numbers (PAN) kept in clear beside the cardholder's name.
CREATE TABLE IF NOT EXISTS cards (
  id INT PRIMARY KEY,
  customer_id INT NOT NULL,
  card_number VARCHAR(19) NOT NULL,
  expiry CHAR(5) NOT NULL,
  cardholder_name VARCHAR(120) NOT NULL,
  pan_token CHAR(36),
  last4 CHAR(4)
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

-- PROBLEM: free text where an agent pasted a whole card number (the Luhn-valid test number
-- 4111 1111 1111 1111, not a real card), found only by sampling the column's values.
CREATE TABLE IF NOT EXISTS support_tickets (
  id INT PRIMARY KEY,
  customer_id INT NOT NULL,
  body TEXT NOT NULL
);

INSERT IGNORE INTO customers VALUES
  (1, 'Ada Example', 'ada@example.com', '+44 20 7946 0000', '1985-04-01', '1 Example Road, London'),
  (2, 'Ben Sample', 'ben@example.org', '+44 20 7946 0001', '1990-11-23', '2 Sample Lane, Leeds');
INSERT IGNORE INTO cards VALUES
  (1, 1, '4111111111111111', '12/29', 'ADA EXAMPLE', NULL, '1111'),
  (2, 2, '5555555555554444', '03/28', 'BEN SAMPLE', NULL, '4444');
INSERT IGNORE INTO payments VALUES
  (1, 1, 2500, 'GBP', 'settled', '2024-05-01 10:00:00'),
  (2, 2, 990, 'GBP', 'pending', '2024-05-02 11:30:00');
INSERT IGNORE INTO ledger VALUES (1, 1, 'merchant:42', 0, 2500), (2, 1, 'customer:1', 2500, 0);
INSERT IGNORE INTO support_tickets VALUES
  (1, 1, 'Customer says card 4111 1111 1111 1111 was declined twice, please check.'),
  (2, 2, 'Asked to change the billing address.');

-- PROBLEM: a view that runs with its creator's rights (SQL SECURITY DEFINER) and shows card
-- numbers to whoever may select from it.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW card_directory AS
  SELECT id, card_number, expiry, cardholder_name FROM cards;

-- PROBLEM: a procedure that runs with its creator's rights and returns a card number to
-- whoever may execute it.
CREATE OR REPLACE PROCEDURE card_lookup(IN p_card_id INT)
  SQL SECURITY DEFINER
  SELECT card_number, expiry FROM cards WHERE id = p_card_id;

-- PROBLEM: a role that reads every card number in clear.
CREATE ROLE IF NOT EXISTS fi_readers;
GRANT SELECT ON fintech_insecure.cards TO fi_readers;

-- PROBLEM: the web application's account logs in from any host ('%') and reads the cards
-- through the role, the DEFINER view and the DEFINER procedure, none granted to it directly
-- on the cards table. (Its password hash is of a random value nobody knows.)
CREATE USER IF NOT EXISTS 'fi_web'@'%' IDENTIFIED BY PASSWORD '*52554CF0697D8A15C5AB4F36F985D900FDA02B54';
GRANT fi_readers TO 'fi_web'@'%';
SET DEFAULT ROLE fi_readers FOR 'fi_web'@'%';
GRANT SELECT ON fintech_insecure.card_directory TO 'fi_web'@'%';
GRANT EXECUTE ON PROCEDURE fintech_insecure.card_lookup TO 'fi_web'@'%';
GRANT SELECT, INSERT ON fintech_insecure.payments TO 'fi_web'@'%';

-- PROBLEM: a batch account with an empty password, from any host, that may change everything.
CREATE USER IF NOT EXISTS 'fi_batch'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON fintech_insecure.* TO 'fi_batch'@'%';

-- PROBLEM: an anonymous account. Anyone connecting from the office network (192.0.2.%) with a
-- user name that has no account of its own gets in as ''@'192.0.2.%', and reads the payments.
CREATE USER IF NOT EXISTS ''@'192.0.2.%';
GRANT SELECT ON fintech_insecure.payments TO ''@'192.0.2.%';

-- PROBLEM: an administrator named root that may log in from the network. (Locked, and only
-- admitting unix_socket logins, so it cannot actually be used; a scan must flag it anyway.)
CREATE USER IF NOT EXISTS 'root'@'192.0.2.%' IDENTIFIED VIA unix_socket ACCOUNT LOCK;
GRANT ALL PRIVILEGES ON *.* TO 'root'@'192.0.2.%' WITH GRANT OPTION;
