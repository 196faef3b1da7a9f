-- From `activities` (consenting members only): what each member did per day, by action, with the department at
-- the time; each activity applied once (applied_event, keyed by its activity id).
CREATE TABLE member_actions_daily (
    vk_user_id BIGINT NOT NULL,
    day        DATE   NOT NULL,
    action     TEXT   NOT NULL,
    department TEXT,
    count      INT    NOT NULL,
    PRIMARY KEY (vk_user_id, day, action)
);
CREATE INDEX member_actions_daily_day_idx ON member_actions_daily (day, action);

-- Reach proxies per post (and per poll): likes, comments and reposts net of removals, votes.
CREATE TABLE post_engagement (
    object_key    TEXT        PRIMARY KEY,
    community_id  BIGINT      NOT NULL,
    likes         INT         NOT NULL DEFAULT 0,
    comments      INT         NOT NULL DEFAULT 0,
    reposts       INT         NOT NULL DEFAULT 0,
    votes         INT         NOT NULL DEFAULT 0,
    last_activity TIMESTAMPTZ NOT NULL
);

-- Polls HR designated as eNPS (employees) or NPS (customers) surveys, with each option's 0–10 score.
CREATE TABLE survey (
    poll_key      TEXT        PRIMARY KEY,
    kind          TEXT        NOT NULL CHECK (kind IN ('ENPS', 'NPS')),
    title         TEXT        NOT NULL,
    designated_by TEXT        NOT NULL,
    designated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE survey_option (
    poll_key  TEXT   NOT NULL REFERENCES survey (poll_key) ON DELETE CASCADE,
    option_id BIGINT NOT NULL,
    score     INT    NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (poll_key, option_id)
);

-- Every poll vote of a consenting member, designated or not yet (HR may designate a poll after it opened); the
-- latest vote of a member counts. Erasure moves it to the member's anonymous id.
CREATE TABLE poll_vote (
    poll_key   TEXT        NOT NULL,
    vk_user_id BIGINT      NOT NULL,
    option_id  BIGINT      NOT NULL,
    department TEXT,
    voted_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (poll_key, vk_user_id)
);
