-- Who may be written to (seed 001, 152-FZ): members who allowed community messages (message_allow) or wrote to
-- the community; message_deny withdraws it at once. Followed from the `activities` topic.
CREATE TABLE recipient (
    vk_user_id       BIGINT      PRIMARY KEY,
    messages_allowed BOOLEAN     NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL
);
