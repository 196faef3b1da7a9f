-- Points per member per ISO week (Monday) and per calendar month, kept with the daily rows in the same statement,
-- so a leaderboard of a week or a month reads one row per member (PeriodSegments). department '' is none (a key
-- cannot be null); it is the department of the daily rows they add up.
CREATE TABLE member_points_weekly (
    week            DATE   NOT NULL,
    vk_user_id      BIGINT NOT NULL,
    department      TEXT   NOT NULL,
    points          BIGINT NOT NULL,
    activity_points BIGINT NOT NULL,
    PRIMARY KEY (week, vk_user_id, department)
);
CREATE INDEX member_points_weekly_department_idx ON member_points_weekly (department, week);

CREATE TABLE member_points_monthly (
    month           DATE   NOT NULL,
    vk_user_id      BIGINT NOT NULL,
    department      TEXT   NOT NULL,
    points          BIGINT NOT NULL,
    activity_points BIGINT NOT NULL,
    PRIMARY KEY (month, vk_user_id, department)
);
CREATE INDEX member_points_monthly_department_idx ON member_points_monthly (department, month);

INSERT INTO member_points_weekly (week, vk_user_id, department, points, activity_points)
SELECT date_trunc('week', day)::date, vk_user_id, coalesce(department, ''), SUM(points), SUM(activity_points)
FROM member_points_daily GROUP BY 1, 2, 3;

INSERT INTO member_points_monthly (month, vk_user_id, department, points, activity_points)
SELECT date_trunc('month', day)::date, vk_user_id, coalesce(department, ''), SUM(points), SUM(activity_points)
FROM member_points_daily GROUP BY 1, 2, 3;
