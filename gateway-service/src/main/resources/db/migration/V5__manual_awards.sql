-- Manual awards HR submits (single or bulk). The client's Idempotency-Key makes a retried request the same
-- command; the same key with a different request is refused. The ledger's outcome arrives on ledger-events.
CREATE TABLE award_command (
    command_id      TEXT        PRIMARY KEY,
    idempotency_key TEXT        NOT NULL UNIQUE,
    fingerprint     TEXT        NOT NULL,
    member_vk_id    BIGINT      NOT NULL,
    rule_id         TEXT        NOT NULL,
    rule_version    INT         NOT NULL,
    points          BIGINT      NOT NULL,
    reason          TEXT        NOT NULL,
    requested_by    TEXT        NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('SUBMITTED', 'POSTED', 'DUPLICATE', 'REJECTED')),
    outcome         TEXT,
    entry_id        BIGINT,
    decided_at      TIMESTAMPTZ
);
CREATE INDEX award_command_member_idx ON award_command (member_vk_id, requested_at DESC);

-- Awards HR gives for anything the catalogue does not name, always with a reason.
INSERT INTO earning_rule (rule_id, version, title, points, min_points, max_points, effective_from, changed_by) VALUES
    ('other', 1, 'Другое (по решению HR, с причиной)', 10, 1, 100, 'epoch', 'seed');
