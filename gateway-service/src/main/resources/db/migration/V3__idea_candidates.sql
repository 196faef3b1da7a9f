-- Posts tagged #идея and suggested posts, waiting for HR's decision. Arrive from the `activities` topic (only
-- consenting members' posts are published there).
CREATE TABLE idea_candidate (
    activity_id   TEXT        PRIMARY KEY,
    community_id  BIGINT      NOT NULL,
    author_vk_id  BIGINT      NOT NULL,
    post_key      TEXT        NOT NULL,
    text          TEXT        NOT NULL,
    posted_at     TIMESTAMPTZ NOT NULL,
    status        TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    received_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idea_candidate_status_idx ON idea_candidate (status, posted_at);
