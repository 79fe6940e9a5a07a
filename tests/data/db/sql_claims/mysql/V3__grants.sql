GRANT SELECT ON customers TO shop_readers;
GRANT SELECT, INSERT, UPDATE ON orders TO 'app_writer'@'%';
GRANT SELECT (id, email), UPDATE (phone) ON customers TO 'app_writer'@'%';
GRANT ALL PRIVILEGES ON archive TO 'app_writer'@'%' WITH GRANT OPTION;
REVOKE DROP, ALTER ON archive FROM 'app_writer'@'%';
GRANT SELECT ON paid_orders TO shop_readers, 'app_writer'@'%';
REVOKE INSERT ON orders FROM 'app_writer'@'%';
