-- HR's decision on an idea candidate: who decided, when, the points awarded or the reason for rejection.
ALTER TABLE idea_candidate
    ADD COLUMN decided_by     TEXT,
    ADD COLUMN decided_at     TIMESTAMPTZ,
    ADD COLUMN points         BIGINT,
    ADD COLUMN reject_reason  TEXT,
    ADD COLUMN award_command  TEXT;
