-- A reversal entry refers to the entry it takes back. Each entry can be reversed at most once, and a reversal is
-- never itself reversed (checked in code, where the outcome says why).
ALTER TABLE journal_entry ADD COLUMN reverses_entry_id BIGINT UNIQUE REFERENCES journal_entry (id);
