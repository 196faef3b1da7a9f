-- Read models the community bot answers from, built from events (no call to another service on a member's
-- message): every posted entry per member from ledger-events, and every version of the earning rules.
CREATE TABLE member_entry (
    event_id    TEXT        PRIMARY KEY,
    vk_user_id  BIGINT      NOT NULL,
    points      BIGINT      NOT NULL,
    balance     BIGINT,
    reason      TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX member_entry_member_idx ON member_entry (vk_user_id, occurred_at DESC);
CREATE INDEX member_entry_time_idx ON member_entry (occurred_at);

CREATE TABLE earning_rule (
    rule_id        TEXT        NOT NULL,
    version        INT         NOT NULL,
    title          TEXT        NOT NULL,
    points         BIGINT      NOT NULL,
    effective_from TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (rule_id, version)
);
