package ru.vklad.activity.persistence;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who wrote the posts and comments one poll of callbacks refers to: read for the whole poll in one statement
 * ({@link ProcessingStore#contentAuthors}), then kept as the table is while the poll records authors of its own
 * (the first author recorded for a piece of content stays).
 */
public final class ContentAuthors {

    /** A post or comment of a community, by its object key. */
    public record Content(long communityId, String objectKey) {
    }

    private final Map<Content, Long> authors;

    ContentAuthors(Map<Content, Long> authors) {
        this.authors = new HashMap<>(authors);
    }

    public Optional<Long> authorOf(Content content) {
        return Optional.ofNullable(authors.get(content));
    }

    void recorded(Content content, long author) {
        authors.putIfAbsent(content, author);
    }
}
