package ru.vklad.analytics.service;

import java.time.Instant;
import java.util.Optional;

import ru.vklad.events.Activity;

/**
 * What a comment activity changes in the tone and topic read models. No I/O.
 *
 * @param commentKey the comment, e.g. {@code comment:-229000001_5012}
 * @param postKey    what it was written under, e.g. {@code post:-229000001_1201}
 * @param text       the text as written; null for a deletion
 * @param analysis    its tone and terms; null for a deletion
 * @param substantive the activity says it passes the earning rules' substantive-comment test
 */
public record CommentChange(Kind kind, String commentKey, String postKey, Instant writtenAt, String text,
                            CommentAnalysis analysis, boolean substantive) {

    public enum Kind {
        /** A new or restored comment: counted, replacing what was counted for it before. */
        WRITTEN,
        /** An edit: replaces what was counted for the comment, if its earlier text is still kept. */
        EDITED,
        /** Deleted: what was counted for it is taken back, if its text is still kept. */
        DELETED
    }

    public static Optional<CommentChange> of(Activity activity, ToneClassifier classifier) {
        if (activity.object() == null || activity.object().postId() == null
                || !activity.object().kind().endsWith("comment")) {
            return Optional.empty();
        }
        Kind kind = switch (activity.type()) {
            case COMMENT_ADDED, COMMENT_RESTORED -> Kind.WRITTEN;
            case COMMENT_EDITED -> Kind.EDITED;
            case COMMENT_DELETED -> Kind.DELETED;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        boolean withText = kind != Kind.DELETED && activity.text() != null && !activity.text().isBlank();
        if (kind != Kind.DELETED && !withText) {
            return Optional.empty();
        }
        return Optional.of(new CommentChange(kind, activity.object().key(), ActivityEffect.postKey(activity.object()),
                activity.occurredAt(), withText ? activity.text() : null,
                withText ? CommentAnalysis.of(activity.text(), classifier) : null,
                withText && Boolean.TRUE.equals(activity.substantive())));
    }
}
