SELECT id FROM accounts;
