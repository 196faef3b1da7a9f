-- Caps travel with each rule version from the gateway; NULL on all three: the version states none (the
-- configured caps apply). 0 on a cap: no cap.
ALTER TABLE earning_rule_version
    ADD COLUMN per_day          INT,
    ADD COLUMN per_week         INT,
    ADD COLUMN cooldown_seconds BIGINT;
