-- Engagement rate against the audience: a member's audience (employees or customers) from the directory, each
-- post's community audience from its activities, and who engaged with each post at least once (erasure moves a
-- member's rows to their anonymous id, so the count stays right).
ALTER TABLE member_directory ADD COLUMN audience TEXT;
CREATE INDEX member_directory_audience_idx ON member_directory (audience) WHERE consent_given;
ALTER TABLE post_engagement
    ADD COLUMN audience        TEXT,
    ADD COLUMN engaged_members INT NOT NULL DEFAULT 0;
CREATE TABLE post_engager (
    object_key TEXT   NOT NULL,
    vk_user_id BIGINT NOT NULL,
    PRIMARY KEY (object_key, vk_user_id)
);
