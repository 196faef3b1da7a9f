package ru.vklad.analytics.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.messaging.AwardCommandsPublisher;
import ru.vklad.analytics.persistence.PointsReadModel;
import ru.vklad.analytics.persistence.WeeklyAwards;
import ru.vklad.events.AwardCommand;

/**
 * The weekly "most active" award. Every Monday (by default 09:00 in the company's zone) the previous ISO week's
 * winner is picked ({@link WeeklyMostActive}), recorded as the week's one winner, and awarded through the ledger
 * under the key {@code weekly_most_active:<week>}: two replicas, a rerun or a resend give one award.
 */
@ApplicationScoped
public class WeeklyAwardJob {

    public static final String RULE = "weekly_most_active";
    private static final Logger LOG = Logger.getLogger(WeeklyAwardJob.class);
    private static final int CLAIMS = 3;

    private final PointsReadModel points;
    private final WeeklyAwards awards;
    private final AwardCommandsPublisher publisher;
    private final AnalyticsConfig config;

    public WeeklyAwardJob(PointsReadModel points, WeeklyAwards awards, AwardCommandsPublisher publisher,
                          AnalyticsConfig config) {
        this.points = points;
        this.awards = awards;
        this.publisher = publisher;
        this.config = config;
    }

    @Scheduled(cron = "${vklad.analytics.weekly-award.cron:0 0 9 ? * MON}", timeZone = "${vklad.analytics.zone:Europe/Moscow}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> lastWeek() {
        IsoWeek week = IsoWeek.of(LocalDate.now(config.zone())).minusWeeks(1);
        return award(week).invoke(award -> LOG.infof("Weekly most active of %s: %s", week,
                award.map(a -> a.vkUserId() + " (" + a.activityPoints() + " points from activity)").orElse("nobody")))
                .replaceWithVoid();
    }

    /** An award the broker did not take (Kafka down at the time) is sent again until it is. */
    @Scheduled(every = "${vklad.analytics.weekly-award.resend-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resendUnsent() {
        return awards.unsent().chain(unsent -> {
            Uni<Void> sent = Uni.createFrom().voidItem();
            for (WeeklyAwards.Award award : unsent) {
                sent = sent.chain(() -> send(award).replaceWithVoid());
            }
            return sent;
        });
    }

    /**
     * The week's award: the one recorded (sent again if the broker never took it), or the winner picked now;
     * empty when nobody earned from activity that week.
     *
     * @throws IllegalArgumentException for a week that is not over yet
     */
    public Uni<Optional<WeeklyAwards.Award>> award(IsoWeek week) {
        if (!week.days().to().isBefore(LocalDate.now(config.zone()))) {
            return Uni.createFrom().failure(new IllegalArgumentException("week " + week + " is not over yet"));
        }
        return awards.find(week).chain(recorded -> recorded.isPresent()
                ? send(recorded.get()).map(Optional::of)
                : decide(week));
    }

    private Uni<Optional<WeeklyAwards.Award>> decide(IsoWeek week) {
        return decide(week, CLAIMS);
    }

    /** A winner who stopped being a consenting member between the pick and the claim leaves the pick to be redone. */
    private Uni<Optional<WeeklyAwards.Award>> decide(IsoWeek week, int claimsLeft) {
        int fairness = config.weeklyAward().fairnessWeeks();
        return points.weekCandidates(week.days())
                .chain(candidates -> awards.winners(week.minusWeeks(fairness), week.minusWeeks(1))
                        .map(recent -> WeeklyMostActive.pick(candidates, recent)))
                .chain(winner -> winner.isEmpty()
                        ? Uni.createFrom().item(Optional.<WeeklyAwards.Award>empty())
                        : awards.claim(new WeeklyAwards.Award(week, winner.get().vkUserId(),
                                        winner.get().activityPoints(), winner.get().activeDays(),
                                        config.weeklyAward().points(), false))
                                .chain(claimed -> claimed.isPresent() ? send(claimed.get()).map(Optional::of)
                                        : claimsLeft > 1 ? decide(week, claimsLeft - 1)
                                        : Uni.createFrom().failure(new IllegalStateException("the weekly award of "
                                                + week + " could not be claimed: its winner kept leaving"))));
    }

    private Uni<WeeklyAwards.Award> send(WeeklyAwards.Award award) {
        if (award.sent()) {
            return Uni.createFrom().item(award);
        }
        if (award.vkUserId() < 0) {
            LOG.warnf("The weekly award of %s is not sent: its winner was erased before it went out", award.week());
            return Uni.createFrom().item(award);
        }
        return publisher.send(command(award))
                .chain(() -> awards.markSent(award.week()))
                .replaceWith(new WeeklyAwards.Award(award.week(), award.vkUserId(), award.activityPoints(),
                        award.activeDays(), award.awardPoints(), true))
                .onFailure().invoke(e -> LOG.warnf("The weekly award of %s is recorded but not sent yet (resent "
                        + "later): %s", award.week(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(3);
    }

    private AwardCommand command(WeeklyAwards.Award award) {
        String key = RULE + ":" + award.week();
        return new AwardCommand("weekly-most-active-" + award.week(), key, AwardCommand.Type.AWARD, award.vkUserId(),
                award.awardPoints(), RULE, config.weeklyAward().ruleVersion(),
                "самый активный участник недели " + award.week() + " (" + award.activityPoints()
                        + " баллов за активность)", "analytics-service", Instant.now());
    }
}
