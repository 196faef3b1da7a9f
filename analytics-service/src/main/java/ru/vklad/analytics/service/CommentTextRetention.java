package ru.vklad.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.CommentReadModel;

/** Comment text is personal data: past {@code vklad.analytics.comments.keep-text} it goes, its counts stay. */
@ApplicationScoped
public class CommentTextRetention {

    private static final Logger LOG = Logger.getLogger(CommentTextRetention.class);

    private final CommentReadModel comments;

    public CommentTextRetention(CommentReadModel comments) {
        this.comments = comments;
    }

    @Scheduled(every = "${vklad.analytics.comments.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpiredTexts() {
        return comments.forgetExpiredTexts()
                .invoke(removed -> {
                    if (removed > 0) {
                        LOG.infof("Removed %d comment texts past their retention", removed);
                    }
                })
                .replaceWithVoid();
    }
}
