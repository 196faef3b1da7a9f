-- A day's rows in points order, so a leaderboard of a range that is not one whole week or month reads each of its
-- days from the top (ThresholdTop) instead of summing every member. It replaces the (day, vk_user_id) index: its
-- lookups by day are served as well, and the table still carries one index beside its key.
CREATE INDEX member_points_daily_rank_idx ON member_points_daily (day, points DESC, vk_user_id);
DROP INDEX member_points_daily_day_idx;
