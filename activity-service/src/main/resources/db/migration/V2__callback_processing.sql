-- VK events already turned into activities: VK retries an event with the same event_id, and Kafka may redeliver.
CREATE TABLE processed_callback (
    community_id BIGINT      NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, event_id)
);

-- Who wrote which post or comment, kept only for consenting members' content, so that nobody earns for acting on
-- their own post or comment. Keyed by VkObject.key(), e.g. 'post:-229000001_1201'.
CREATE TABLE content_author (
    community_id BIGINT NOT NULL,
    object_key   TEXT   NOT NULL,
    author_vk_id BIGINT NOT NULL,
    PRIMARY KEY (community_id, object_key)
);
