GRANT SELECT ON customers TO 'app_reader'@'%';
