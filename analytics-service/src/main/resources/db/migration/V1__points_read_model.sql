-- Events already applied to the read models: a redelivered or replayed event never counts twice.
CREATE TABLE applied_event (
    event_id   TEXT        PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Points posted to each member per local day (the analytics time zone), from ledger-events.
CREATE TABLE member_points_daily (
    vk_user_id BIGINT NOT NULL,
    day        DATE   NOT NULL,
    points     BIGINT NOT NULL,
    entries    INT    NOT NULL,
    PRIMARY KEY (vk_user_id, day)
);

CREATE INDEX member_points_daily_day_idx ON member_points_daily (day, vk_user_id) INCLUDE (points);
