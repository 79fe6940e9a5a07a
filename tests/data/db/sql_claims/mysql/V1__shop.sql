-- A shop's MariaDB/MySQL migrations: tables, a view, renames and grants to accounts and roles.
CREATE ROLE IF NOT EXISTS shop_readers;
CREATE TABLE customers (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(200) NOT NULL,
    country CHAR(2) NOT NULL DEFAULT 'GB',
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at DATETIME(3) NOT NULL,
    notes TEXT,
    KEY customers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `orders` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `customer_id` BIGINT UNSIGNED NOT NULL,
    `status` ENUM('new', 'paid', 'shipped') NOT NULL DEFAULT 'new',
    `total` DECIMAL(12, 2) NOT NULL,
    `discount` DECIMAL(5) DEFAULT NULL,
    `placed_at` TIMESTAMP NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT orders_customer FOREIGN KEY (`customer_id`) REFERENCES customers (id)
);
CREATE INDEX orders_status ON orders (status);
