--liquibase formatted sql

--changeset alice:3
CREATE TABLE payments.refunds (
    id bigint PRIMARY KEY,
    card_id bigint NOT NULL REFERENCES payments.cards (id),
    amount numeric(12, 2) NOT NULL
);
/* liquibase rollback
DROP TABLE payments.refunds;
*/
