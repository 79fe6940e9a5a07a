CREATE TABLE refunds (
    id BIGINT PRIMARY KEY,
    card_id BIGINT NOT NULL,
    amount DECIMAL(12, 2) NOT NULL
);
GRANT SELECT ON refunds TO 'app_reader'@'%';
