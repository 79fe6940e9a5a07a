-- postgresql
-- A login role of its own; its password comes from PGPASSWORD or PGPASSFILE.
CREATE ROLE assaymark LOGIN;
-- superuser-only settings such as shared_preload_libraries (pgaudit):
GRANT pg_read_all_settings TO assaymark;
-- How role passwords are stored (MD5 or SCRAM) is in pg_authid, which only superusers
-- may read: with the grant above, the check of each role's hash is not applicable (the
-- password_encryption setting is still checked); scan as a superuser to check it.
-- Only for --sample (reading rows to look for card numbers stored in clear):
-- GRANT pg_read_all_data TO assaymark;
-- and, to sample tables under row-level security: ALTER ROLE assaymark BYPASSRLS;
-- mysql
-- An account of its own, from the scanner's host; its password comes from MYSQL_PWD:
-- CREATE USER 'assaymark'@'SCANNER-HOST' IDENTIFIED BY '<from your vault>';
-- Accounts, roles, memberships and grants (mysql.user, mysql.db, mysql.*_priv):
GRANT SELECT ON mysql.* TO 'assaymark'@'SCANNER-HOST';
-- Lets information_schema list every table, view and column, without reading rows:
GRANT REFERENCES ON *.* TO 'assaymark'@'SCANNER-HOST';
-- MySQL 8.0.20+ only: lists every routine (on MariaDB SELECT on mysql.* does):
-- GRANT SHOW_ROUTINE ON *.* TO 'assaymark'@'SCANNER-HOST';
-- Only for --sample (reading rows to look for card numbers stored in clear):
-- GRANT SELECT ON *.* TO 'assaymark'@'SCANNER-HOST';
