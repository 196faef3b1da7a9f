-- Two-phase awards: a hold moves points from issuance to the member's pending account (held:<vk user id>); HR's
-- approval moves them on to the member, a rejection (or expiry) back to issuance. Each hold is decided at most
-- once, by the entry that refers to it here.
ALTER TABLE journal_entry ADD COLUMN resolves_hold_id BIGINT UNIQUE REFERENCES journal_entry (id);

-- Holds still waiting, oldest first, for the expiry job.
CREATE INDEX journal_entry_holds_idx ON journal_entry (posted_at) WHERE kind = 'hold';
