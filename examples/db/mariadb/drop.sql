-- Removes everything insecure.sql and compliant.sql create: both databases, their accounts
-- and roles (server-wide), including insecure.sql's anonymous account and remote root, which
-- are on the documentation network 192.0.2.% so that they are never another's.
--     mariadb -h 127.0.0.1 -u root < drop.sql

DROP DATABASE IF EXISTS fintech_insecure;
DROP DATABASE IF EXISTS fintech_compliant;

DROP USER IF EXISTS 'fi_web'@'%', 'fi_batch'@'%', ''@'192.0.2.%', 'root'@'192.0.2.%';
DROP ROLE IF EXISTS fi_readers;

DROP USER IF EXISTS 'fc_web'@'10.20.%', 'fc_batch'@'10.20.%', 'fc_migrate'@'localhost';
DROP ROLE IF EXISTS fc_readers;
