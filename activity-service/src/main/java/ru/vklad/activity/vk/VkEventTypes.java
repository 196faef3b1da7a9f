package ru.vklad.activity.vk;

import java.util.Set;

/** The Callback API event types Vklad processes; VK may send any other type, which is acknowledged and counted. */
public final class VkEventTypes {

    public static final Set<String> HANDLED = Set.of(
            "wall_post_new", "wall_repost",
            "wall_reply_new", "wall_reply_edit", "wall_reply_delete", "wall_reply_restore",
            "board_post_new", "board_post_edit", "board_post_delete", "board_post_restore",
            "photo_comment_new", "photo_comment_edit", "photo_comment_delete", "photo_comment_restore",
            "like_add", "like_remove",
            "poll_vote_new",
            "group_join", "group_leave",
            "message_new", "message_allow", "message_deny");

    private VkEventTypes() {
    }

    public static boolean isHandled(String type) {
        return HANDLED.contains(type);
    }
}
