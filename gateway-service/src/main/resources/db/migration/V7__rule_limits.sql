-- Caps are part of an earning rule, as transparent as its points: per member, per company day and ISO week
-- (0: no cap), and the least time between two awards. NULL on every limit column: a rule HR awards by hand.
ALTER TABLE earning_rule
    ADD COLUMN per_day          INT    CHECK (per_day >= 0),
    ADD COLUMN per_week         INT    CHECK (per_week >= 0),
    ADD COLUMN cooldown_seconds BIGINT CHECK (cooldown_seconds >= 0),
    ADD CONSTRAINT earning_rule_limits_complete CHECK (
        (per_day IS NULL) = (per_week IS NULL) AND (per_day IS NULL) = (cooldown_seconds IS NULL)),
    ADD CONSTRAINT earning_rule_week_holds_a_day CHECK (per_day = 0 OR per_week = 0 OR per_week >= per_day);

-- The product's default caps (seed 000), for every version already stored of the rules counted from VK.
UPDATE earning_rule SET per_day = 50, per_week = 200, cooldown_seconds = 0  WHERE rule_id = 'like';
UPDATE earning_rule SET per_day = 10, per_week = 40,  cooldown_seconds = 60 WHERE rule_id = 'substantive_comment';
UPDATE earning_rule SET per_day = 5,  per_week = 20,  cooldown_seconds = 0  WHERE rule_id = 'repost';
UPDATE earning_rule SET per_day = 10, per_week = 30,  cooldown_seconds = 0  WHERE rule_id = 'poll_vote';
