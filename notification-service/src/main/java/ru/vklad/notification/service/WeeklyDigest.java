package ru.vklad.notification.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import ru.vklad.notification.config.VkMessagingConfig;
import ru.vklad.notification.persistence.BotReadModels;
import ru.vklad.notification.persistence.BotReadModels.WeekTotal;
import ru.vklad.notification.persistence.DeliveryLog;
import ru.vklad.notification.persistence.Recipients;

/**
 * Every Monday (10:00 Moscow time by default, {@code vklad.notify.digest.cron}), each member who earned points in the
 * previous ISO week gets a digest: points, place, streak of days with points, balance. One digest per member and
 * week ({@code digest:<member>:<monday>}), so a rerun or a second replica sends nothing twice.
 */
@ApplicationScoped
public class WeeklyDigest {

    private static final Logger LOG = Logger.getLogger(WeeklyDigest.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM");
    /** How far back a streak is followed. */
    private static final int STREAK_HORIZON_DAYS = 366;

    private final Template digest;
    private final BotReadModels models;
    private final DeliveryLog deliveries;
    private final Recipients recipients;
    private final SendSchedule schedule;
    private final ZoneId zone;

    public WeeklyDigest(@Location("weekly_digest.txt") Template digest, BotReadModels models, DeliveryLog deliveries,
                        Recipients recipients, SendSchedule schedule, VkMessagingConfig config) {
        this.digest = digest;
        this.models = models;
        this.deliveries = deliveries;
        this.recipients = recipients;
        this.schedule = schedule;
        this.zone = config.quietHours().defaultZone();
    }

    @Scheduled(cron = "${vklad.notify.digest.cron:0 0 10 ? * MON}", timeZone = "Europe/Moscow",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> weekly() {
        LocalDate lastMonday = LocalDate.now(zone).minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return send(lastMonday).invoke(count -> LOG.infof("Weekly digest of the week of %s: %d members", lastMonday,
                count)).replaceWithVoid();
    }

    /** Logs the digest of the week starting {@code monday} for everyone who earned in it; answers how many. */
    public Uni<Integer> send(LocalDate monday) {
        Instant from = monday.atStartOfDay(zone).toInstant();
        Instant to = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
        return models.totals(from, to).onItem().transformToMulti(totals -> Multi.createFrom().iterable(totals))
                .onItem().transformToUniAndConcatenate(total -> digestFor(total, monday, to))
                .collect().asList().map(java.util.List::size);
    }

    private Uni<Boolean> digestFor(WeekTotal total, LocalDate monday, Instant weekEnd) {
        LocalDate sunday = monday.plusDays(6);
        return models.activeDays(total.vkUserId(), weekEnd.minus(java.time.Duration.ofDays(STREAK_HORIZON_DAYS)),
                        weekEnd, zone)
                .chain(days -> models.balance(total.vkUserId()).map(balance -> digest
                        .data("from", DAY.format(monday)).data("to", DAY.format(sunday))
                        .data("points", total.points()).data("rank", total.rank()).data("of", total.of())
                        .data("streak", (long) Streaks.endingOn(days, sunday))
                        .data("balance", balance.map(String::valueOf).orElse("—"))
                        .render().strip()))
                .chain(text -> {
                    Notification notification = new Notification("digest:" + total.vkUserId() + ":" + monday,
                            total.vkUserId(), "weekly_digest", text, null, total.points(), null);
                    return recipients.allowed(total.vkUserId()).chain(allowed -> allowed
                            ? schedule.sendableAt(total.vkUserId(), Instant.now())
                                    .chain(at -> deliveries.record(notification, DeliveryLog.PENDING, at))
                            : deliveries.record(notification, DeliveryLog.NOT_ALLOWED, Instant.now()));
                });
    }
}
