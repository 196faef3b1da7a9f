-- When a post or poll was first interacted with, so HR can list the posts of a period. Rows from before this
-- migration have none (their first interaction is not known) and are listed only when no period is asked for.
ALTER TABLE post_engagement ADD COLUMN first_activity TIMESTAMPTZ;
CREATE INDEX post_engagement_first_activity_idx ON post_engagement (first_activity);
