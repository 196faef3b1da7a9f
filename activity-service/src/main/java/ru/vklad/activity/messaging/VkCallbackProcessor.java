package ru.vklad.activity.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import ru.vklad.activity.config.EarningConfig;
import ru.vklad.activity.persistence.ProcessingStore;
import ru.vklad.activity.service.EarningEngine;
import ru.vklad.activity.service.RuleCatalog;
import ru.vklad.activity.service.SubstantiveComment;
import ru.vklad.activity.vk.ActivityNormalizer;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.VkCallbackReceived;
import ru.vklad.events.VkObject;

/**
 * Turns stored VK callbacks into activities and awards. Each VK event is handled once: a retry or redelivery
 * whose event id was processed is skipped, and one that slips through (a crash before it was marked) publishes
 * the same activity id and idempotency key again, which every consumer ignores.
 */
@ApplicationScoped
public class VkCallbackProcessor {

    private final ActivityNormalizer normalizer;
    private final EarningEngine engine;
    private final ProcessingStore store;
    private final ActivityPublisher publisher;
    private final MeterRegistry metrics;

    public VkCallbackProcessor(ObjectMapper mapper, EarningConfig config, ProcessingStore store,
                               ActivityPublisher publisher, MeterRegistry metrics) {
        this.normalizer = new ActivityNormalizer(mapper);
        this.engine = new EarningEngine(RuleCatalog.defaults(),
                new SubstantiveComment(config.substantiveCommentMinLetters()));
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Incoming("vk-callbacks")
    public Uni<Void> process(VkCallbackReceived callback) {
        if (callback == null) {
            metrics.counter("vklad.activities", "outcome", "unreadable").increment();
            return Uni.createFrom().voidItem();
        }
        return store.isProcessed(callback.communityId(), callback.eventId()).chain(processed -> processed
                ? count("duplicate")
                : handle(callback).chain(() -> store.markProcessed(callback.communityId(), callback.eventId())));
    }

    private Uni<Void> handle(VkCallbackReceived callback) {
        Optional<Activity> normalized = normalizer.normalize(callback);
        if (normalized.isEmpty()) {
            return count("no_activity");
        }
        Activity activity = normalized.get();
        return store.isConsenting(activity.vkUserId()).chain(consenting -> {
            if (!consenting) {
                // Not a consenting member: counted, then dropped; nothing about them is kept.
                return count("not_consenting");
            }
            return rememberAuthorship(activity)
                    .chain(() -> targetAuthor(activity))
                    .chain(author -> publisher.activity(activity)
                            .chain(() -> engine.decide(activity, author)
                                    .map(award -> publisher.award(award).chain(() -> count("awarded")))
                                    .orElseGet(() -> count("published"))));
        });
    }

    private Uni<Void> rememberAuthorship(Activity activity) {
        boolean authored = activity.type() == ActivityType.POST_PUBLISHED || activity.type() == ActivityType.COMMENT_ADDED;
        if (!authored || activity.object() == null || activity.objectAuthorId() == null) {
            return Uni.createFrom().voidItem();
        }
        return store.rememberAuthor(activity.communityId(), activity.object().key(), activity.objectAuthorId());
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
