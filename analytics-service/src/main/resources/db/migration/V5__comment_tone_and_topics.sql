-- Comment tone and key topics. The text of a consenting member's comment is kept for a configured time only
-- (vklad.analytics.comments.keep-text), with its tone and terms so an edit or deletion can take back what was
-- counted; the daily counts per post hold no member and no text, and stay when the text goes.
CREATE TABLE comment_text (
    comment_key TEXT        PRIMARY KEY,
    vk_user_id  BIGINT      NOT NULL,
    post_key    TEXT        NOT NULL,
    day         DATE        NOT NULL,
    written_at  TIMESTAMPTZ NOT NULL,
    text        TEXT        NOT NULL,
    tone        TEXT        NOT NULL CHECK (tone IN ('positive', 'neutral', 'negative')),
    terms       TEXT[]      NOT NULL,
    words       TEXT[]      NOT NULL
);
CREATE INDEX comment_text_member_idx ON comment_text (vk_user_id);
CREATE INDEX comment_text_written_idx ON comment_text (written_at);
CREATE INDEX comment_text_post_idx ON comment_text (post_key, written_at);

CREATE TABLE comment_tone_daily (
    day      DATE NOT NULL,
    post_key TEXT NOT NULL,
    tone     TEXT NOT NULL CHECK (tone IN ('positive', 'neutral', 'negative')),
    comments INT  NOT NULL,
    PRIMARY KEY (day, post_key, tone)
);
CREATE INDEX comment_tone_daily_post_idx ON comment_tone_daily (post_key, day);

-- term: the Russian stem; word: the form it was first written in that day under that post, for people to read.
CREATE TABLE comment_term_daily (
    day      DATE NOT NULL,
    post_key TEXT NOT NULL,
    term     TEXT NOT NULL,
    word     TEXT NOT NULL,
    comments INT  NOT NULL,
    PRIMARY KEY (day, post_key, term)
);
CREATE INDEX comment_term_daily_post_idx ON comment_term_daily (post_key, day);
