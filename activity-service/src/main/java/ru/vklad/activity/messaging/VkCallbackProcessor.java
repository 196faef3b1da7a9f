package ru.vklad.activity.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import ru.vklad.activity.config.EarningConfig;
import ru.vklad.activity.config.VkCallbackConfig;
import ru.vklad.activity.persistence.AwardSlotRepository;
import ru.vklad.activity.persistence.ContentAuthors;
import ru.vklad.activity.persistence.MemberHistoryRepository;
import ru.vklad.activity.persistence.ProcessingStore;
import ru.vklad.activity.service.AwardSlot;
import ru.vklad.activity.service.AbuseChecks;
import ru.vklad.activity.service.BurstFlag;
import ru.vklad.activity.service.CyclingFlag;
import ru.vklad.activity.service.EarningEngine;
import ru.vklad.activity.service.FanFlag;
import ru.vklad.activity.service.EarningLimits;
import ru.vklad.activity.service.NewMemberFlag;
import ru.vklad.activity.service.PollHistories;
import ru.vklad.activity.service.RuleBook;
import ru.vklad.activity.service.RuleCatalog;
import ru.vklad.activity.service.SlotChange;
import ru.vklad.activity.service.SubstantiveComment;
import ru.vklad.activity.vk.ActivityNormalizer;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.BotMessage;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.VkCallbackReceived;
import ru.vklad.events.VkObject;
import ru.vklad.events.consumer.RetryableFailure;

/**
 * Turns stored VK callbacks into activities, awards and reversals, a Kafka poll at a time in one transaction: the
 * poll's processed events, consent, authorship, award slots and its members' caps and anti-abuse history read and
 * written in one statement per table, its callbacks decided in order in memory, its records sent together and
 * awaited before the commit. Each VK event is handled once: a retry or redelivery whose event id was processed is
 * skipped, and one that slips through (a crash before the commit) publishes the same activity id and idempotency keys
 * again, which every consumer ignores. What a member is owed is kept per award slot and derived from the set of
 * events seen, so out-of-order delivery ends in the same state.
 */
@ApplicationScoped
public class VkCallbackProcessor {

    private static final Logger LOG = Logger.getLogger(VkCallbackProcessor.class);

    private final ActivityNormalizer normalizer;
    private final SubstantiveComment substantive;
    private final EarningEngine engine;
    private final ProcessingStore store;
    private final AwardSlotRepository slots;
    private final MemberHistoryRepository histories;
    private final ActivityPublisher publisher;
    private final MeterRegistry metrics;
    private final EarningConfig config;
    private final VkCallbackConfig communities;
    private final AbuseChecks abuse;
    private final CallbackDeadLetters deadLetters;

    public VkCallbackProcessor(ObjectMapper mapper, EarningConfig config, VkCallbackConfig communities, RuleBook rules,
                               ProcessingStore store, AwardSlotRepository slots, MemberHistoryRepository histories,
                               ActivityPublisher publisher, CallbackDeadLetters deadLetters, MeterRegistry metrics) {
        this.histories = histories;
        this.deadLetters = deadLetters;
        this.communities = communities;
        this.normalizer = new ActivityNormalizer(mapper);
        this.substantive = new SubstantiveComment(config.substantiveCommentMinLetters());
        this.engine = new EarningEngine(rules::current, substantive);
        this.store = store;
        this.slots = slots;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.abuse = new AbuseChecks(new BurstFlag(config.abuse().burstActions(), config.abuse().burstWindow()),
                new CyclingFlag(config.abuse().cyclingTakebacks(), config.abuse().cyclingWindow()),
                new NewMemberFlag(config.abuse().newMemberAwards(), config.abuse().newMemberPeriod()),
                new FanFlag(config.abuse().fanLikes(), config.abuse().fanShare(), config.abuse().fanDelay(),
                        config.abuse().fanPeriod()));
    }

    @Incoming("vk-callbacks")
    public Uni<Void> process(ConsumerRecords<String, VkCallbackReceived> polled) {
        List<ConsumerRecord<String, VkCallbackReceived>> records = new ArrayList<>();
        polled.forEach(record -> {
            if (record.value() != null) {
                records.add(record);
            }
        });
        count("unreadable", polled.count() - records.size());
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<VkCallbackReceived> callbacks = records.stream().map(ConsumerRecord::value).toList();
        // While PostgreSQL or Kafka is away the poll is tried again (every step is idempotent), the partitions
        // waiting in order: the dead-letter topic would lose its points. A poll refused for another reason is
        // processed callback by callback, so one bad callback does not hold back the others.
        return RetryableFailure.retried(() -> processAll(callbacks, true),
                        failure -> LOG.warnf("A poll of %d callbacks not processed, retrying: %s", callbacks.size(),
                                failure.toString()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "A poll of %d callbacks was refused; processing them one by one",
                            callbacks.size());
                    return oneByOne(records);
                });
    }

    /**
     * Processes a retained raw callback again, processed before or not (a replay): its activity is published again
     * (readers apply an activity id once) and its award slots owe nothing they were already paid, so nobody is
     * awarded twice; an event never processed is processed as usual.
     */
    public Uni<Void> replay(VkCallbackReceived callback) {
        return processAll(List.of(callback), false);
    }

    /** Each callback in its own transaction; one that still fails, not for the infrastructure, is parked alone. */
    private Uni<Void> oneByOne(List<ConsumerRecord<String, VkCallbackReceived>> records) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> {
                    VkCallbackReceived callback = record.value();
                    return RetryableFailure.retried(() -> processAll(List.of(callback), true),
                                    failure -> LOG.warnf("Callback %s of community %d not processed, retrying: %s",
                                            callback.eventId(), callback.communityId(), failure.toString()))
                            .onFailure().recoverWithUni(failure -> {
                                LOG.errorf(failure, "Callback %s of community %d could not be processed; parked on "
                                        + "the dead-letter topic", callback.eventId(), callback.communityId());
                                count("dead_lettered", 1);
                                return RetryableFailure.retried(() -> deadLetters.park(record, failure),
                                        parking -> LOG.warnf("Callback %s not parked yet, retrying: %s",
                                                callback.eventId(), parking.toString()));
                            });
                })
                .collect().last()
                .replaceWithVoid();
    }

    /** Processes the callbacks in order in one transaction; with {@code skipProcessed}, each VK event only once. */
    private Uni<Void> processAll(List<VkCallbackReceived> callbacks, boolean skipProcessed) {
        return store.inTransaction(connection -> (skipProcessed
                ? store.processedAmong(connection, callbacks)
                : Uni.createFrom().item(Set.<String>of()))
                .map(processed -> fresh(callbacks, processed))
                .call(fresh -> decide(connection, fresh.activities()))
                .chain(fresh -> store.markProcessed(connection, fresh.callbacks())));
    }

    /** A poll's callbacks not processed before, nor earlier in the poll, and the activities they are. */
    private record Fresh(List<VkCallbackReceived> callbacks, List<Activity> activities) {
    }

    private Fresh fresh(List<VkCallbackReceived> callbacks, Set<String> processed) {
        Set<String> seen = new HashSet<>(processed);
        Fresh fresh = new Fresh(new ArrayList<>(), new ArrayList<>());
        for (VkCallbackReceived callback : callbacks) {
            if (!seen.add(ProcessingStore.eventKey(callback.communityId(), callback.eventId()))) {
                count("duplicate", 1);
                continue;
            }
            fresh.callbacks().add(callback);
            Optional<Activity> normalized = normalizer.normalize(callback);
            if (normalized.isEmpty()) {
                count("no_activity", 1);
            } else {
                Activity activity = normalized.get();
                // Analytics counts substantive comments per post by the same test the awards use.
                fresh.activities().add(activity.withAudience(audienceOf(callback.communityId()))
                        .withSubstantive(activity.writesComment() ? substantive.test(activity.text()) : null));
            }
        }
        return fresh;
    }

    /**
     * Decides a poll's activities: consent and authorship read for all of them and the poll's own authorship written
     * first, then each activity's records and slot change in poll order, then the slot changes settled
     * ({@link #settleAll}). The records are sent together and acknowledged before the transaction commits.
     */
    private Uni<Void> decide(SqlConnection connection, List<Activity> activities) {
        Set<Long> users = activities.stream().map(Activity::vkUserId).collect(Collectors.toSet());
        Set<ContentAuthors.Content> contents = activities.stream()
                .flatMap(activity -> Stream.concat(target(activity).stream(), deletedComment(activity).stream()))
                .collect(Collectors.toSet());
        PendingSends sends = new PendingSends();
        return store.consenting(connection, users)
                .chain(consenting -> store.contentAuthors(connection, contents)
                        .call(authors -> store.rememberAuthors(connection, authors,
                                authorships(activities, consenting)))
                        .chain(authors -> settleAll(connection, changes(activities, consenting, authors, sends),
                                sends)))
                .chain(sends::all);
    }

    /** Who wrote the posts and comments the poll's consenting members published. */
    private static List<ProcessingStore.Authorship> authorships(List<Activity> activities, Set<Long> consenting) {
        List<ProcessingStore.Authorship> authorships = new ArrayList<>();
        for (Activity activity : activities) {
            boolean authored = activity.type() == ActivityType.POST_PUBLISHED
                    || activity.type() == ActivityType.COMMENT_ADDED;
            if (authored && consenting.contains(activity.vkUserId()) && activity.object() != null
                    && activity.objectAuthorId() != null) {
                authorships.add(new ProcessingStore.Authorship(
                        new ContentAuthors.Content(activity.communityId(), activity.object().key()),
                        activity.objectAuthorId(), activity.occurredAt()));
            }
        }
        return authorships;
    }

    /** The poll's slot changes in poll order, its activity and bot message records started on the way. */
    private List<SlotChange> changes(List<Activity> activities, Set<Long> consenting, ContentAuthors authors,
                                     PendingSends sends) {
        List<SlotChange> changes = new ArrayList<>();
        for (Activity activity : activities) {
            // Whoever writes to the community asked for an answer: the bot gets the message, member or not.
            if (activity.type() == ActivityType.BOT_MESSAGE) {
                sends.add(publisher.botMessage(new BotMessage(activity.activityId(), activity.communityId(),
                        activity.vkUserId(), activity.text(), activity.payload(), activity.occurredAt())));
            }
            // A deletion counts against the comment's author, whoever deleted it; anything else only for a member.
            boolean member = consenting.contains(activity.vkUserId());
            if (!member && activity.type() != ActivityType.COMMENT_DELETED) {
                // Not a consenting member: counted, then dropped; nothing about them is kept.
                count("not_consenting", 1);
                continue;
            }
            if (member) {
                sends.add(publisher.activity(activity));
            }
            engine.change(activity, targetAuthor(activity, authors),
                            deletedComment(activity).flatMap(authors::authorOf))
                    .ifPresentOrElse(changes::add, () -> count("no_award", 1));
        }
        return changes;
    }

    /**
     * Settles the changes: their slots recorded, and what the caps and the anti-abuse checks need about their members
     * read, at once; then each change in poll order against that state in memory; then what was issued and counted
     * written, a statement per table.
     */
    private Uni<Void> settleAll(SqlConnection connection, List<SlotChange> changes, PendingSends sends) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return slots.record(connection, changes).chain(recorded -> histories
                .load(connection, historiesFor(changes), members(changes, recorded), liked(changes))
                .chain(poll -> {
                    Instant at = Instant.now();
                    for (SlotChange change : changes) {
                        settle(recorded, poll, change, sends, at);
                    }
                    return Uni.combine().all().unis(slots.write(connection, recorded),
                            histories.write(connection, poll)).discardItems();
                }));
    }

    /** The poll's histories, to be read from the earliest moment any of its changes' checks look at. */
    private PollHistories historiesFor(List<SlotChange> changes) {
        Instant earliest = changes.stream().map(SlotChange::occurredAt).min(Instant::compareTo).orElseThrow();
        Duration cooldown = changes.stream()
                .map(change -> engine.limits(change.ruleId(), change.occurredAt(), change.communityId()))
                .filter(Objects::nonNull).map(EarningLimits::cooldown).max(Duration::compareTo).orElse(Duration.ZERO);
        return new PollHistories(config.zone(), abuse, earliest, cooldown);
    }

    /** Whom the poll's slots pay and who took likes back. */
    private static Set<PollHistories.MemberKey> members(List<SlotChange> changes,
                                                        AwardSlotRepository.PollSlots recorded) {
        Set<PollHistories.MemberKey> members = new HashSet<>();
        for (SlotChange change : changes) {
            recorded.memberOf(change).ifPresent(member -> members.add(
                    new PollHistories.MemberKey(change.communityId(), member)));
            if (change.memberVkId() != null) {
                members.add(new PollHistories.MemberKey(change.communityId(), change.memberVkId()));
            }
        }
        return members;
    }

    /** What the poll's likes are of, for the fan check. */
    private static Set<ContentAuthors.Content> liked(List<SlotChange> changes) {
        return changes.stream().filter(change -> RuleCatalog.LIKE.equals(change.ruleId()))
                .map(change -> new ContentAuthors.Content(change.communityId(), change.objectKey()))
                .collect(Collectors.toSet());
    }

    /** Settles the change's award slot: publishes the awards and reversals the slot is then owed. */
    private void settle(AwardSlotRepository.PollSlots recorded, PollHistories poll, SlotChange change,
                        PendingSends sends, Instant at) {
        int issued = slots.apply(recorded, poll, change, engine.points(change.ruleId(), change.occurredAt()),
                engine.limits(change.ruleId(), change.occurredAt(), change.communityId()), abuse, (member, state) -> {
            for (AwardSlot.Step step : state.pending()) {
                Optional<AwardCommand> command = engine.command(change, member, step, state.paidPoints(), at,
                        state.flag() == null ? null : state.flag().reason());
                if (state.flag() != null && step.kind() == AwardSlot.Step.Kind.AWARD) {
                    state.flag().flags().forEach(flag -> metrics.counter("vklad.activity.flags", "flag", flag)
                            .increment());
                }
                command.ifPresent(award -> sends.add(publisher.award(award)));
            }
        });
        count(issued == AwardSlotRepository.CAPPED ? "capped" : issued > 0 ? "settled" : "no_award", 1);
    }

    /** The audience of a configured community; null for one no longer configured (a replay of an old event). */
    private String audienceOf(long communityId) {
        VkCallbackConfig.Community community = communities.communities().get(String.valueOf(communityId));
        return community == null ? null : community.audience();
    }

    /** The comment a deletion takes an award back from. */
    private static Optional<ContentAuthors.Content> deletedComment(Activity activity) {
        return activity.type() == ActivityType.COMMENT_DELETED && activity.object() != null
                ? Optional.of(new ContentAuthors.Content(activity.communityId(), activity.object().key()))
                : Optional.empty();
    }

    /**
     * What the activity acts on, whose author matters: the liked or reposted content (a repost names its author
     * itself), or the post a comment is under.
     */
    private static Optional<ContentAuthors.Content> target(Activity activity) {
        VkObject object = activity.object();
        if (object == null) {
            return Optional.empty();
        }
        return switch (activity.type()) {
            case LIKE_ADDED -> Optional.of(new ContentAuthors.Content(activity.communityId(), object.key()));
            case REPOST -> activity.objectAuthorId() != null ? Optional.empty()
                    : Optional.of(new ContentAuthors.Content(activity.communityId(), object.key()));
            case COMMENT_ADDED, COMMENT_EDITED -> "comment".equals(object.kind()) && object.postId() != null
                    ? Optional.of(new ContentAuthors.Content(activity.communityId(),
                            new VkObject("post", object.ownerId(), object.postId(), null).key()))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Who wrote what the activity acts on ({@link #target}). */
    private static Optional<Long> targetAuthor(Activity activity, ContentAuthors authors) {
        if (activity.type() == ActivityType.REPOST && activity.objectAuthorId() != null) {
            return Optional.of(activity.objectAuthorId());
        }
        return target(activity).flatMap(authors::authorOf);
    }

    private Uni<Void> count(String outcome, int times) {
        if (times > 0) {
            metrics.counter("vklad.activities", "outcome", outcome).increment(times);
        }
        return Uni.createFrom().voidItem();
    }
}
