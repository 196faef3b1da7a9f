-- Caps that replace a rule version's own in one community (VK group id → {perDay, perWeek, cooldownSeconds}):
-- the bot answers «правила» with the caps of the community it is asked in.
ALTER TABLE earning_rule ADD COLUMN community_limits JSONB NOT NULL DEFAULT '{}'::jsonb;
