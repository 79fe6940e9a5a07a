DROP INDEX payments.cards_customer;
