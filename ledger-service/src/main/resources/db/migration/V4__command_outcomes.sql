-- The first outcome of every command, so the gateway (and HR) can ask what became of a command id without reading
-- the ledger-events topic. Redelivery of a command keeps its first outcome.
CREATE TABLE command_outcome (
    command_id      TEXT        PRIMARY KEY,
    outcome         TEXT        NOT NULL,
    idempotency_key TEXT,
    entry_id        BIGINT,
    member_vk_id    BIGINT      NOT NULL,
    points          BIGINT      NOT NULL,
    reason          TEXT,
    -- The clock when the outcome is written, the batch's last statement before its commit (now() would be the
    -- transaction's start).
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- The relay deletes what the broker acknowledged: the outbox holds only what is still to be sent (outcomes are
-- kept above), and a delete leaves no second row version and index entries behind as an update would.
DROP INDEX outbox_unpublished_idx;
ALTER TABLE outbox DROP COLUMN published_at;

-- Every statement that adds postings must add, for each entry it touches, postings that sum to zero. By induction
-- every entry then sums to zero (and has two or more postings, since none is zero), checked over the statement's
-- new rows only, so the check costs the same however large the journal grows. The deferred per-entry trigger
-- still catches an entry left without postings at commit.
DROP TRIGGER posting_balanced ON posting;

CREATE FUNCTION ledger_postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad RECORD;
BEGIN
    SELECT entry_id, count(*) AS postings, sum(amount) AS total INTO bad
    FROM new_postings GROUP BY entry_id HAVING sum(amount) <> 0
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal entry % is not balanced: % postings summing to %', bad.entry_id, bad.postings, bad.total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER posting_balanced AFTER INSERT ON posting
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_balanced();
