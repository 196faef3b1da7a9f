-- Coalescing: award messages of one rule (likes) for one member wait a short window and then go as one message.
-- The group is fixed in the database before the first send (members point at their leader), so a retry resends
-- exactly the same text with the same random_id.
ALTER TABLE delivery_log DROP CONSTRAINT delivery_log_status_check;
ALTER TABLE delivery_log ADD CONSTRAINT delivery_log_status_check
    CHECK (status IN ('RECORDED', 'PENDING', 'SENT', 'FAILED', 'NOT_ALLOWED', 'UNREACHABLE', 'COALESCED'));
ALTER TABLE delivery_log
    ADD COLUMN rule_id         TEXT,
    ADD COLUMN points          BIGINT,
    ADD COLUMN balance         BIGINT,
    ADD COLUMN coalesced_count INT,
    ADD COLUMN coalesced_into  TEXT;

CREATE INDEX delivery_log_pending_member_idx ON delivery_log (vk_user_id, rule_id) WHERE status = 'PENDING';

-- Quiet hours are the member's: their time zone from the members directory.
CREATE TABLE member_zone (
    vk_user_id BIGINT      PRIMARY KEY,
    time_zone  TEXT        NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
