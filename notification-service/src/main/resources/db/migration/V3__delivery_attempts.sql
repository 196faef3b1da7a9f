-- Sending through VK: a PENDING notification is claimed by one replica for a lease, sent with its random_id, and
-- ends SENT, UNREACHABLE (901/902: final) or FAILED (after the last retry; also published to notifications.dlq).
-- A replica that dies mid-batch leaves its claims to expire; the retry carries the same random_id, so VK never
-- delivers it twice.
ALTER TABLE delivery_log DROP CONSTRAINT delivery_log_status_check;
ALTER TABLE delivery_log ADD CONSTRAINT delivery_log_status_check
    CHECK (status IN ('RECORDED', 'PENDING', 'SENT', 'FAILED', 'NOT_ALLOWED', 'UNREACHABLE'));
ALTER TABLE delivery_log
    ADD COLUMN attempts        INT         NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN claimed_until   TIMESTAMPTZ,
    ADD COLUMN last_error      TEXT,
    ADD COLUMN vk_message_id   BIGINT,
    ADD COLUMN finished_at     TIMESTAMPTZ;

CREATE INDEX delivery_log_due_idx ON delivery_log (next_attempt_at) WHERE status = 'PENDING';

-- 901/902 from VK: the member cannot be written to until they allow messages again.
ALTER TABLE recipient ADD COLUMN unreachable_since TIMESTAMPTZ;
