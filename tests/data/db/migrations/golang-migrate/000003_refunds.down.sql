DROP TABLE payments.refunds;
