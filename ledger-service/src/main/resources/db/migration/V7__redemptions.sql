-- An entry may decide an earlier one: an approval or rejection decides a hold, a settled or failed payout decides
-- a redemption. Each is decided at most once.
ALTER TABLE journal_entry RENAME COLUMN resolves_hold_id TO decides_entry_id;
ALTER TABLE journal_entry RENAME CONSTRAINT journal_entry_resolves_hold_id_key TO journal_entry_decides_entry_id_key;
ALTER TABLE journal_entry RENAME CONSTRAINT journal_entry_resolves_hold_id_fkey TO journal_entry_decides_entry_id_fkey;

-- A month's payout registry for the Spasibo program: closed once, after the month, listing every redemption of
-- the month exactly once (a redemption belongs to at most one registry).
CREATE TABLE payout_registry (
    id        BIGSERIAL   PRIMARY KEY,
    month     DATE        NOT NULL UNIQUE CHECK (extract(day FROM month) = 1),
    closed_by TEXT        NOT NULL,
    closed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Redemptions as the program needs them: roubles at the rate in force when the member redeemed.
CREATE TABLE redemption (
    entry_id       BIGINT        PRIMARY KEY REFERENCES journal_entry (id),
    member_vk_id   BIGINT        NOT NULL,
    points         BIGINT        NOT NULL CHECK (points > 0),
    rub_per_point  NUMERIC(12, 6) NOT NULL CHECK (rub_per_point > 0),
    amount_kopecks BIGINT        NOT NULL CHECK (amount_kopecks >= 0),
    month          DATE          NOT NULL,
    registry_id    BIGINT        REFERENCES payout_registry (id)
);

CREATE INDEX redemption_unlisted_idx ON redemption (month) WHERE registry_id IS NULL;
CREATE INDEX redemption_registry_idx ON redemption (registry_id);
