-- Substantive comments (by the earning rules' test, which the activity service states on each comment activity)
-- per post and day, beside the tone counts, and per kept text so an edit or deletion can take one back. Comments
-- counted before this migration are not known to be substantive and count as not.
ALTER TABLE comment_tone_daily ADD COLUMN substantive INT NOT NULL DEFAULT 0;
ALTER TABLE comment_text ADD COLUMN substantive BOOLEAN NOT NULL DEFAULT false;
