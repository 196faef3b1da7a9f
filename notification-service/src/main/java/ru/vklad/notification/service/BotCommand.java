package ru.vklad.notification.service;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a member asks the community bot, from a keyboard button's payload ({@code {"command":"balance"}}) or from
 * the text they typed ("Баланс", "мой рейтинг?", "/help"). Anything else is {@link #HELP}: never silence.
 */
public enum BotCommand {
    BALANCE("balance", "баланс"),
    HISTORY("history", "история"),
    RULES("rules", "правила"),
    RANK("rank", "рейтинг"),
    HELP("help", "помощь");

    private static final Pattern PAYLOAD_COMMAND = Pattern.compile("\"command\"\\s*:\\s*\"([a-z]+)\"");
    private static final Map<String, BotCommand> SYNONYMS = Map.of(
            "начать", HELP, "start", HELP, "меню", HELP, "справка", HELP,
            "баллы", BALANCE, "счёт", BALANCE, "счет", BALANCE,
            "место", RANK, "топ", RANK);

    /** The payload name of the button, e.g. {@code balance}. */
    public final String payloadName;
    /** The Russian word the member types or sees on the button. */
    public final String word;

    BotCommand(String payloadName, String word) {
        this.payloadName = payloadName;
        this.word = word;
    }

    public static BotCommand of(String text, String payload) {
        if (payload != null) {
            Matcher command = PAYLOAD_COMMAND.matcher(payload);
            if (command.find()) {
                for (BotCommand candidate : values()) {
                    if (candidate.payloadName.equals(command.group(1))) {
                        return candidate;
                    }
                }
            }
        }
        if (text == null) {
            return HELP;
        }
        String normalized = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\s]", " ").trim();
        for (String word : normalized.split("\\s+")) {
            for (BotCommand candidate : values()) {
                if (candidate.word.equals(word) || candidate.payloadName.equals(word)) {
                    return candidate;
                }
            }
            BotCommand synonym = SYNONYMS.get(word);
            if (synonym != null) {
                return synonym;
            }
        }
        return HELP;
    }
}
