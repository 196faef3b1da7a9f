-- The caps of each rule version, so the bot's `правила` tells them; NULL on all three: the rule has none
-- (awarded by HR) or its version was published before caps were part of the rule. 0 on a cap: no cap.
ALTER TABLE earning_rule
    ADD COLUMN per_day          INT,
    ADD COLUMN per_week         INT,
    ADD COLUMN cooldown_seconds BIGINT;
