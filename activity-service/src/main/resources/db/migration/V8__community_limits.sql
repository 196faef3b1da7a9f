-- Caps that replace a version's own in one community, by VK group id:
-- {"229000002": {"perDay": 10, "perWeek": 30, "cooldownSeconds": 60}}. Empty: the same caps everywhere.
ALTER TABLE earning_rule_version ADD COLUMN community_limits JSONB NOT NULL DEFAULT '{}'::jsonb;
