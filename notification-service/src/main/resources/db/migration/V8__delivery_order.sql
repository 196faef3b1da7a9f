-- The order notifications were recorded in. A poll of ledger events is recorded in one statement, so its rows share
-- created_at (the transaction's start): "newest first" and a coalesced group's latest balance follow this instead.
-- Existing rows are numbered in their physical order.
ALTER TABLE delivery_log ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
