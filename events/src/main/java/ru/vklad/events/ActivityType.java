package ru.vklad.events;

/** What a member did in the community, normalised from VK's Callback API event types. */
public enum ActivityType {
    LIKE_ADDED,
    LIKE_REMOVED,
    COMMENT_ADDED,
    COMMENT_EDITED,
    COMMENT_DELETED,
    COMMENT_RESTORED,
    REPOST,
    POLL_VOTE,
    /** A post on the community wall, including suggested posts; see {@link Activity#ideaCandidate()}. */
    POST_PUBLISHED,
    MEMBER_JOINED,
    MEMBER_LEFT,
    MESSAGES_ALLOWED,
    MESSAGES_DENIED,
    BOT_MESSAGE
}
