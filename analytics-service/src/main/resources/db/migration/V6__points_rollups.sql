-- Points per member per ISO week (Monday) and per calendar month, written in the same statement as the daily
-- rows. A period is read as whole months, whole weeks and the days left (PeriodSegments).
-- Overall: one row per member and week or month, indexed by points, so the leaderboard and a member's place in a
-- whole week or month are read off the index.
CREATE TABLE member_points_weekly (
    week            DATE   NOT NULL,
    vk_user_id      BIGINT NOT NULL,
    points          BIGINT NOT NULL,
    activity_points BIGINT NOT NULL,
    PRIMARY KEY (week, vk_user_id)
);
CREATE INDEX member_points_weekly_rank_idx ON member_points_weekly (week, points DESC, vk_user_id);

CREATE TABLE member_points_monthly (
    month           DATE   NOT NULL,
    vk_user_id      BIGINT NOT NULL,
    points          BIGINT NOT NULL,
    activity_points BIGINT NOT NULL,
    PRIMARY KEY (month, vk_user_id)
);
CREATE INDEX member_points_monthly_rank_idx ON member_points_monthly (month, points DESC, vk_user_id);

-- Per department: the department of the daily rows they add up (as when the points were posted).
CREATE TABLE department_points_weekly (
    week       DATE   NOT NULL,
    department TEXT   NOT NULL,
    vk_user_id BIGINT NOT NULL,
    points     BIGINT NOT NULL,
    PRIMARY KEY (week, department, vk_user_id)
);

CREATE TABLE department_points_monthly (
    month      DATE   NOT NULL,
    department TEXT   NOT NULL,
    vk_user_id BIGINT NOT NULL,
    points     BIGINT NOT NULL,
    PRIMARY KEY (month, department, vk_user_id)
);

INSERT INTO member_points_weekly (week, vk_user_id, points, activity_points)
SELECT date_trunc('week', day)::date, vk_user_id, SUM(points), SUM(activity_points)
FROM member_points_daily GROUP BY 1, 2;
INSERT INTO member_points_monthly (month, vk_user_id, points, activity_points)
SELECT date_trunc('month', day)::date, vk_user_id, SUM(points), SUM(activity_points)
FROM member_points_daily GROUP BY 1, 2;
INSERT INTO department_points_weekly (week, department, vk_user_id, points)
SELECT date_trunc('week', day)::date, department, vk_user_id, SUM(points)
FROM member_points_daily WHERE department IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO department_points_monthly (month, department, vk_user_id, points)
SELECT date_trunc('month', day)::date, department, vk_user_id, SUM(points)
FROM member_points_daily WHERE department IS NOT NULL GROUP BY 1, 2, 3;
