-- The sink's duplicate count, kept per receipt and raised in the transaction that answers the
-- duplicate, so it survives a restart with the receipts.
ALTER TABLE collector_receipt ADD COLUMN duplicates BIGINT DEFAULT 0 NOT NULL;
