-- Double-entry journal. Invariants are enforced here as well as in code:
--   * every entry has at least two postings and they sum to zero (checked at commit);
--   * one idempotency key -> at most one entry;
--   * entries and postings are append-only (corrections are reversal entries);
--   * a member account never goes below zero.

CREATE TABLE account (
    id         BIGSERIAL   PRIMARY KEY,
    code       TEXT        NOT NULL UNIQUE,
    kind       TEXT        NOT NULL CHECK (kind IN ('member', 'system')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Where awarded points come from. Its balance is derived from its postings and never stored, so awards do not
-- all queue on one row lock.
INSERT INTO account (code, kind) VALUES ('system:issuance', 'system');

CREATE TABLE journal_entry (
    id                  BIGSERIAL   PRIMARY KEY,
    idempotency_key     TEXT        NOT NULL UNIQUE,
    command_id          TEXT        NOT NULL,
    command_fingerprint TEXT        NOT NULL,
    kind                TEXT        NOT NULL,
    rule_id             TEXT,
    rule_version        INT,
    reason              TEXT        NOT NULL,
    posted_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE posting (
    entry_id   BIGINT NOT NULL REFERENCES journal_entry (id),
    account_id BIGINT NOT NULL REFERENCES account (id),
    amount     BIGINT NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (entry_id, account_id)
);

CREATE INDEX posting_account_idx ON posting (account_id, entry_id);

-- Balances of member accounts, kept in the same transaction as their postings.
CREATE TABLE member_balance (
    account_id BIGINT PRIMARY KEY REFERENCES account (id),
    balance    BIGINT NOT NULL CHECK (balance >= 0)
);

CREATE FUNCTION ledger_assert_balanced(entry BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    total    BIGINT;
    postings INT;
BEGIN
    SELECT COALESCE(SUM(amount), 0), COUNT(*) INTO total, postings FROM posting WHERE entry_id = entry;
    IF total <> 0 OR postings < 2 THEN
        RAISE EXCEPTION 'journal entry % is not balanced: % postings summing to %', entry, postings, total
            USING ERRCODE = 'check_violation';
    END IF;
END
$$;

CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_assert_balanced(NEW.id);
    RETURN NULL;
END
$$;

CREATE FUNCTION ledger_posting_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_assert_balanced(NEW.entry_id);
    RETURN NULL;
END
$$;

-- Checked at commit, once every posting of the entry is in.
CREATE CONSTRAINT TRIGGER journal_entry_balanced
    AFTER INSERT ON journal_entry DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();

CREATE CONSTRAINT TRIGGER posting_balanced
    AFTER INSERT ON posting DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_balanced();

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: corrections are reversal entries', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER posting_append_only BEFORE UPDATE OR DELETE ON posting
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER posting_no_truncate BEFORE TRUNCATE ON posting
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
