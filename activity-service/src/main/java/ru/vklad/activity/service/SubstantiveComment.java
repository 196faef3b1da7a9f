package ru.vklad.activity.service;

import java.util.regex.Pattern;

/**
 * The documented test of a "substantive" comment: at least {@code minLetters} letters once links, mentions,
 * hashtags, emoji and stickers are left out. Stickers and emoji carry no letters, so a sticker-only or emoji-only
 * comment never qualifies however long it is.
 */
public record SubstantiveComment(int minLetters) {

    private static final Pattern LINKS = Pattern.compile("(?i)\\b(?:https?://|www\\.|vk\\.(?:com|cc|me)/)\\S*");
    private static final Pattern VK_MENTIONS = Pattern.compile("\\[(?:id|club|public)\\d+\\|[^\\]]*]");
    private static final Pattern TAGS = Pattern.compile("[@#][\\p{L}\\p{N}_.]+");

    public SubstantiveComment {
        if (minLetters < 1) {
            throw new IllegalArgumentException("minLetters must be at least 1");
        }
    }

    public boolean test(String text) {
        return letters(text) >= minLetters;
    }

    static int letters(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        String plain = TAGS.matcher(VK_MENTIONS.matcher(LINKS.matcher(text).replaceAll(" ")).replaceAll(" "))
                .replaceAll(" ");
        return (int) plain.codePoints().filter(Character::isLetter).count();
    }
}
