-- When each member's awards happened, for the anti-abuse burst check (many awards in a short window). Rows older
-- than two days are removed as new ones come: the window is seconds to minutes.
CREATE TABLE member_award_log (
    community_id BIGINT      NOT NULL,
    member_vk_id BIGINT      NOT NULL,
    awarded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX member_award_log_member_idx ON member_award_log (community_id, member_vk_id, awarded_at);
