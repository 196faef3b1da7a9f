-- What was (or, in recording mode, would have been) sent to whom and when. One row per notification: the
-- notification id is derived from the event that caused it, so redelivery never makes a second message.
CREATE TABLE delivery_log (
    notification_id TEXT        PRIMARY KEY,
    vk_user_id      BIGINT      NOT NULL,
    kind            TEXT        NOT NULL,
    random_id       INT         NOT NULL,
    text            TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('RECORDED', 'PENDING', 'SENT', 'FAILED', 'NOT_ALLOWED')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX delivery_log_member_idx ON delivery_log (vk_user_id, created_at DESC);
