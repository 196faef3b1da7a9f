-- Likes taken back, for the like/unlike cycling check; once per VK event. Rows older than the check's window
-- (at least two days) are removed as new ones come.
CREATE TABLE member_takeback_log (
    community_id  BIGINT      NOT NULL,
    event_id      TEXT        NOT NULL,
    member_vk_id  BIGINT      NOT NULL,
    taken_back_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, event_id)
);
CREATE INDEX member_takeback_log_member_idx ON member_takeback_log (community_id, member_vk_id, taken_back_at);

-- A member's first award in a community: the new member check holds what a newcomer earns beyond a threshold.
CREATE TABLE member_first_award (
    community_id   BIGINT      NOT NULL,
    member_vk_id   BIGINT      NOT NULL,
    first_award_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, member_vk_id)
);
-- Members who earned before this check existed are not newcomers.
INSERT INTO member_first_award (community_id, member_vk_id, first_award_at)
SELECT community_id, member_vk_id, min(last_award_at) FROM member_rule_usage GROUP BY community_id, member_vk_id;

-- When a post was published, and the likes a member gave other members' posts within seconds of publication:
-- the fan check (one member liking nearly everything one other member posts, at once). Rows older than the
-- check's period are removed as new ones come.
ALTER TABLE content_author ADD COLUMN published_at TIMESTAMPTZ;
CREATE TABLE member_quick_like (
    community_id BIGINT      NOT NULL,
    member_vk_id BIGINT      NOT NULL,
    author_vk_id BIGINT      NOT NULL,
    object_key   TEXT        NOT NULL,
    liked_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, member_vk_id, object_key)
);
CREATE INDEX member_quick_like_author_idx ON member_quick_like (community_id, member_vk_id, author_vk_id, liked_at);
CREATE INDEX content_author_posts_idx ON content_author (community_id, author_vk_id, published_at);
