-- Why a slot's first award was refused by a cap or cooldown; such a slot never pays and never takes back.
ALTER TABLE award_slot ADD COLUMN capped TEXT;

-- Awards per member, rule and company day, for caps; the latest award time, for cooldowns.
CREATE TABLE member_rule_usage (
    community_id  BIGINT      NOT NULL,
    member_vk_id  BIGINT      NOT NULL,
    rule_id       TEXT        NOT NULL,
    day           DATE        NOT NULL,
    awards        INT         NOT NULL,
    last_award_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, member_vk_id, rule_id, day)
);
