-- Caps that differ in one community (by its VK group id): there they replace the version's own caps. A rule
-- version is immutable, and so are its community caps; a change adds a version with the new set.
CREATE TABLE earning_rule_community_limits (
    earning_rule_id  BIGINT NOT NULL REFERENCES earning_rule (id),
    community_id     BIGINT NOT NULL CHECK (community_id > 0),
    per_day          INT    NOT NULL CHECK (per_day >= 0),
    per_week         INT    NOT NULL CHECK (per_week >= 0),
    cooldown_seconds BIGINT NOT NULL CHECK (cooldown_seconds >= 0),
    PRIMARY KEY (earning_rule_id, community_id),
    CONSTRAINT community_week_holds_a_day CHECK (per_day = 0 OR per_week = 0 OR per_week >= per_day)
);
