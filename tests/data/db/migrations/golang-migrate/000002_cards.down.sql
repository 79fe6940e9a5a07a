DROP TABLE payments.cards;
