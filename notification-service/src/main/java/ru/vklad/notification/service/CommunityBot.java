package ru.vklad.notification.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.BotMessage;
import ru.vklad.events.EarningRuleChanged;
import ru.vklad.notification.config.VkMessagingConfig;
import ru.vklad.notification.persistence.BotReadModels;
import ru.vklad.notification.persistence.DeliveryLog;

/**
 * The community bot: answers баланс, история, правила, рейтинг and помощь from the local read models (built from
 * ledger-events and earning-rules, so an answer needs no other service and no service token), and help for
 * anything else. The answer goes out through the delivery log like every message: once, paced, retried.
 */
@ApplicationScoped
public class CommunityBot {

    public static final String KIND = "bot_reply";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM");
    private static final int HISTORY = 10;

    private final BotReadModels models;
    private final DeliveryLog deliveries;
    private final ZoneId zone;

    public CommunityBot(BotReadModels models, DeliveryLog deliveries, VkMessagingConfig config) {
        this.models = models;
        this.deliveries = deliveries;
        this.zone = config.quietHours().defaultZone();
    }

    public Uni<Boolean> answer(BotMessage message) {
        BotCommand command = BotCommand.of(message.text(), message.payload());
        return reply(command, message.fromId(), message.communityId()).chain(text -> deliveries.record(
                new Notification("bot:" + message.messageId(), message.fromId(), KIND, text, null, 0, null),
                // The member is waiting for this answer: no coalescing window, no quiet hours.
                DeliveryLog.PENDING, Instant.now()));
    }

    /** @param communityId where the member asked: the caps in «правила» are that community's */
    Uni<String> reply(BotCommand command, long member, long communityId) {
        return switch (command) {
            case BALANCE -> models.balance(member).map(balance -> balance
                    .map(points -> "Ваш баланс: " + points + " " + RussianPlurals.pointsWord(points) + ".")
                    .orElse("У вас пока нет баллов. Ставьте «Мне нравится», пишите содержательные комментарии, "
                            + "делитесь постами и голосуйте в опросах сообщества."));
            case HISTORY -> models.lastEntries(member, HISTORY).map(entries -> history(entries, zone));
            case RULES -> models.rulesInForce(Instant.now(), communityId).map(CommunityBot::rules);
            case RANK -> rank(member);
            case HELP -> Uni.createFrom().item(help());
        };
    }

    private Uni<String> rank(long member) {
        LocalDate today = LocalDate.now(zone);
        Instant week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
        Instant month = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        Instant now = Instant.now().plusSeconds(1);
        return models.rank(member, week, now).chain(thisWeek -> models.rank(member, month, now)
                .map(thisMonth -> "На этой неделе: " + place(thisWeek) + "\nВ этом месяце: " + place(thisMonth)));
    }

    private static String place(Optional<BotReadModels.Rank> rank) {
        return rank.map(r -> r.rank() + "-е место из " + r.of() + " (" + r.points() + " "
                + RussianPlurals.pointsWord(r.points()) + ")").orElse("пока без баллов");
    }

    private static String history(List<BotReadModels.Entry> entries, ZoneId zone) {
        if (entries.isEmpty()) {
            return "История пуста: баллов пока не было.";
        }
        StringBuilder out = new StringBuilder("Последние начисления:");
        for (BotReadModels.Entry entry : entries) {
            out.append('\n').append(DAY.format(entry.occurredAt().atZoneSameInstant(zone))).append(' ')
                    .append(entry.points() > 0 ? "+" : "").append(entry.points()).append(' ')
                    .append(RussianPlurals.pointsWord(entry.points())).append(" — ").append(entry.reason());
        }
        return out.toString();
    }

    private static String rules(List<BotReadModels.Rule> rules) {
        if (rules.isEmpty()) {
            return "Правила начисления ещё не опубликованы.";
        }
        StringBuilder out = new StringBuilder("Как начисляются баллы:");
        for (BotReadModels.Rule rule : rules) {
            out.append("\n• ").append(rule.title()).append(": ").append(rule.points()).append(' ')
                    .append(RussianPlurals.pointsWord(rule.points()));
            caps(rule.limits()).ifPresent(caps -> out.append(" (").append(caps).append(')'));
        }
        return out.append("\nСверх лимитов баллы не начисляются; одобренные идеи, проекты и победы в конкурсах "
                + "награждаются отдельно.").toString();
    }

    /** "до 50 в день и 200 в неделю, не чаще раза в 1 мин"; empty for a rule without caps. */
    static Optional<String> caps(EarningRuleChanged.Limits limits) {
        if (limits == null) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (limits.perDay() > 0 && limits.perWeek() > 0) {
            parts.add("до " + limits.perDay() + " в день и " + limits.perWeek() + " в неделю");
        } else if (limits.perDay() > 0) {
            parts.add("до " + limits.perDay() + " в день");
        } else if (limits.perWeek() > 0) {
            parts.add("до " + limits.perWeek() + " в неделю");
        }
        if (limits.cooldownSeconds() > 0) {
            parts.add("не чаще раза в " + interval(limits.cooldownSeconds()));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private static String interval(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " ч";
        }
        return seconds % 60 == 0 ? seconds / 60 + " мин" : seconds + " с";
    }

    static String help() {
        return "Я бот программы «Вклад». Напишите или нажмите:\n• баланс — сколько у вас баллов\n"
                + "• история — последние 10 начислений\n• правила — за что начисляются баллы и лимиты\n"
                + "• рейтинг — ваше место за неделю и месяц\n• помощь — это сообщение";
    }

    /** The keyboard sent with every bot answer: one button per command, payload {"command": "..."}. */
    public static String keyboard() {
        StringBuilder buttons = new StringBuilder();
        BotCommand[][] rows = {{BotCommand.BALANCE, BotCommand.HISTORY}, {BotCommand.RANK, BotCommand.RULES},
                {BotCommand.HELP}};
        for (BotCommand[] row : rows) {
            buttons.append(buttons.length() == 0 ? "" : ",").append('[');
            for (int i = 0; i < row.length; i++) {
                String label = Character.toUpperCase(row[i].word.charAt(0)) + row[i].word.substring(1);
                buttons.append(i == 0 ? "" : ",").append("{\"action\":{\"type\":\"text\",\"label\":\"")
                        .append(label).append("\",\"payload\":\"{\\\"command\\\":\\\"").append(row[i].payloadName)
                        .append("\\\"}\"},\"color\":\"secondary\"}");
            }
            buttons.append(']');
        }
        return "{\"one_time\":false,\"buttons\":[" + buttons + "]}";
    }
}
