package ru.vklad.gateway.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.gateway.persistence.IdeaCandidate;

/** Collects idea candidates from {@code activities}; a redelivered activity is stored once. */
@ApplicationScoped
public class IdeaCandidatesConsumer {

    private static final Logger LOG = Logger.getLogger(IdeaCandidatesConsumer.class);

    /**
     * A Kafka poll at a time: nearly every activity is not an idea, and taking them one by one cost a dispatch per
     * record for nothing (bench/README).
     */
    @Incoming("activities")
    public Uni<Void> consume(List<Activity> polled) {
        Uni<Void> recorded = Uni.createFrom().voidItem();
        for (Activity activity : polled) {
            if (isIdeaCandidate(activity)) {
                recorded = recorded.chain(() -> record(activity));
            }
        }
        return recorded;
    }

    private static boolean isIdeaCandidate(Activity activity) {
        return activity != null && activity.type() == ActivityType.POST_PUBLISHED && activity.ideaCandidate()
                && activity.object() != null;
    }

    private Uni<Void> record(Activity activity) {
        return RetryableFailure.retried(() -> Panache.withTransaction(() -> IdeaCandidate.<IdeaCandidate>findById(
                activity.activityId()).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    IdeaCandidate idea = new IdeaCandidate();
                    idea.activityId = activity.activityId();
                    idea.communityId = activity.communityId();
                    idea.authorVkId = activity.vkUserId();
                    idea.postKey = activity.object().key();
                    idea.text = activity.text() == null ? "" : activity.text();
                    idea.postedAt = activity.occurredAt();
                    idea.status = "PENDING";
                    idea.receivedAt = Instant.now();
                    return idea.persist().replaceWithVoid();
                })), failure -> LOG.warnf("Idea candidate %s not recorded yet, retrying: %s", activity.activityId(),
                failure));
    }
}
