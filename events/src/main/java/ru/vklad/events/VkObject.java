package ru.vklad.events;

/**
 * A VK object acted on: a post, comment, photo, poll, board topic comment, ...
 *
 * @param kind    VK's object type: {@code post}, {@code comment}, {@code photo}, {@code video},
 *                {@code topic_comment}, {@code photo_comment}, {@code poll}, ...
 * @param ownerId the wall or album owner (negative for a community)
 * @param id      the object's id within its owner
 * @param postId  for a comment, the post it belongs to; otherwise null
 */
public record VkObject(String kind, long ownerId, long id, Long postId) {

    /** A stable name of the object, e.g. {@code post:-229000001_1201}. */
    public String key() {
        return kind + ":" + ownerId + "_" + id;
    }
}
