package ru.vklad.activity.messaging;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import ru.vklad.activity.config.EarningConfig;
import ru.vklad.activity.config.VkCallbackConfig;
import ru.vklad.activity.persistence.AwardSlotRepository;
import ru.vklad.activity.persistence.ProcessingStore;
import ru.vklad.activity.service.AwardSlot;
import ru.vklad.activity.service.AbuseChecks;
import ru.vklad.activity.service.BurstFlag;
import ru.vklad.activity.service.CyclingFlag;
import ru.vklad.activity.service.EarningEngine;
import ru.vklad.activity.service.FanFlag;
import ru.vklad.activity.service.NewMemberFlag;
import ru.vklad.activity.service.RuleBook;
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
 * Turns stored VK callbacks into activities, awards and reversals. Each VK event is handled once: a retry or
 * redelivery whose event id was processed is skipped, and one that slips through (a crash before it was marked)
 * publishes the same activity id and idempotency keys again, which every consumer ignores. What a member is owed
 * is kept per award slot and derived from the set of events seen, so out-of-order delivery ends in the same
 * state.
 */
@ApplicationScoped
public class VkCallbackProcessor {

    private static final Logger LOG = Logger.getLogger(VkCallbackProcessor.class);

    private final ActivityNormalizer normalizer;
    private final EarningEngine engine;
    private final ProcessingStore store;
    private final AwardSlotRepository slots;
    private final ActivityPublisher publisher;
    private final MeterRegistry metrics;
    private final EarningConfig config;
    private final VkCallbackConfig communities;
    private final AbuseChecks abuse;

    public VkCallbackProcessor(ObjectMapper mapper, EarningConfig config, VkCallbackConfig communities, RuleBook rules,
                               ProcessingStore store, AwardSlotRepository slots, ActivityPublisher publisher,
                               MeterRegistry metrics) {
        this.communities = communities;
        this.normalizer = new ActivityNormalizer(mapper);
        this.engine = new EarningEngine(rules::current,
                new SubstantiveComment(config.substantiveCommentMinLetters()));
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
    public Uni<Void> process(VkCallbackReceived callback) {
        if (callback == null) {
            metrics.counter("vklad.activities", "outcome", "unreadable").increment();
            return Uni.createFrom().voidItem();
        }
        // While PostgreSQL or Kafka is away the callback is tried again (every step is idempotent), the partition
        // waiting in order: the dead-letter topic would lose its points.
        return RetryableFailure.retried(() -> store.isProcessed(callback.communityId(), callback.eventId())
                .chain(processed -> processed
                        ? count("duplicate")
                        : handle(callback).chain(() -> store.markProcessed(callback.communityId(),
                                callback.eventId()))),
                failure -> LOG.warnf("Callback %s of community %d not processed, retrying: %s",
                        callback.eventId(), callback.communityId(), failure.toString()));
    }

    /**
     * Processes a retained raw callback again, processed before or not (a replay): its activity is published again
     * (readers apply an activity id once) and its award slots owe nothing they were already paid, so nobody is
     * awarded twice; an event never processed is processed as usual.
     */
    public Uni<Void> replay(VkCallbackReceived callback) {
        return handle(callback).chain(() -> store.markProcessed(callback.communityId(), callback.eventId()));
    }

    /** The audience of a configured community; null for one no longer configured (a replay of an old event). */
    private String audienceOf(long communityId) {
        VkCallbackConfig.Community community = communities.communities().get(String.valueOf(communityId));
        return community == null ? null : community.audience();
    }

    private Uni<Void> handle(VkCallbackReceived callback) {
        Optional<Activity> normalized = normalizer.normalize(callback);
        if (normalized.isEmpty()) {
            return count("no_activity");
        }
        Activity activity = normalized.get().withAudience(audienceOf(callback.communityId()));
        // Whoever writes to the community asked for an answer: the bot gets the message, member or not.
        Uni<Void> asked = activity.type() == ActivityType.BOT_MESSAGE
                ? publisher.botMessage(new BotMessage(activity.activityId(), activity.communityId(),
                        activity.vkUserId(), activity.text(), activity.payload(), activity.occurredAt()))
                : Uni.createFrom().voidItem();
        return asked.chain(() -> store.isConsenting(activity.vkUserId())).chain(consenting -> {
            // A deletion counts against the comment's author, whoever deleted it; anything else only for a member.
            boolean deletion = activity.type() == ActivityType.COMMENT_DELETED;
            if (!consenting && !deletion) {
                // Not a consenting member: counted, then dropped; nothing about them is kept.
                return count("not_consenting");
            }
            Uni<Void> published = consenting
                    ? rememberAuthorship(activity).chain(() -> publisher.activity(activity))
                    : Uni.createFrom().voidItem();
            return published
                    .chain(() -> targetAuthor(activity))
                    .chain(target -> commentAuthor(activity)
                            .map(author -> engine.change(activity, target, author)))
                    .chain(change -> change.map(this::settle).orElseGet(() -> count("no_award")));
        });
    }

    /** Records the change in its award slot and publishes the awards and reversals the slot is then owed. */
    private Uni<Void> settle(SlotChange change) {
        Instant at = Instant.now();
        return slots.apply(change, engine.points(change.ruleId(), change.occurredAt()),
                engine.limits(change.ruleId(), change.occurredAt(), change.communityId()), abuse, config.zone(),
                (member, state) -> {
            Uni<Void> sent = Uni.createFrom().voidItem();
            for (AwardSlot.Step step : state.pending()) {
                Optional<AwardCommand> command = engine.command(change, member, step, state.paidPoints(), at,
                        state.flag() == null ? null : state.flag().reason());
                if (state.flag() != null && step.kind() == AwardSlot.Step.Kind.AWARD) {
                    state.flag().flags().forEach(flag -> metrics.counter("vklad.activity.flags", "flag", flag)
                            .increment());
                }
                if (command.isPresent()) {
                    sent = sent.chain(() -> publisher.award(command.get()));
                }
            }
            return sent;
        }).chain(issued -> count(issued == AwardSlotRepository.CAPPED ? "capped" : issued > 0 ? "settled" : "no_award"));
    }

    private Uni<Optional<Long>> commentAuthor(Activity activity) {
        return activity.type() == ActivityType.COMMENT_DELETED
                ? store.authorOf(activity.communityId(), activity.object().key())
                : Uni.createFrom().item(Optional.empty());
    }

    private Uni<Void> rememberAuthorship(Activity activity) {
        boolean authored = activity.type() == ActivityType.POST_PUBLISHED || activity.type() == ActivityType.COMMENT_ADDED;
        if (!authored || activity.object() == null || activity.objectAuthorId() == null) {
            return Uni.createFrom().voidItem();
        }
        return store.rememberAuthor(activity.communityId(), activity.object().key(), activity.objectAuthorId(),
                activity.occurredAt());
    }

    /** Who wrote what the activity acts on: the liked or reposted content, or the post a comment is under. */
    private Uni<Optional<Long>> targetAuthor(Activity activity) {
        VkObject object = activity.object();
        if (object == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return switch (activity.type()) {
            case LIKE_ADDED -> store.authorOf(activity.communityId(), object.key());
            case REPOST -> activity.objectAuthorId() != null
                    ? Uni.createFrom().item(Optional.of(activity.objectAuthorId()))
                    : store.authorOf(activity.communityId(), object.key());
            case COMMENT_ADDED, COMMENT_EDITED -> "comment".equals(object.kind()) && object.postId() != null
                    ? store.authorOf(activity.communityId(),
                            new VkObject("post", object.ownerId(), object.postId(), null).key())
                    : Uni.createFrom().item(Optional.empty());
            default -> Uni.createFrom().item(Optional.empty());
        };
    }

    private Uni<Void> count(String outcome) {
        metrics.counter("vklad.activities", "outcome", outcome).increment();
        return Uni.createFrom().voidItem();
    }
}
