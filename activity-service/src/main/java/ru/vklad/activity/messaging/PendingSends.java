package ru.vklad.activity.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;

/**
 * Sends started at once and awaited together: a poll's records go to the broker while its transaction goes on, and
 * the transaction commits only once the broker has them all. Sends through one emitter keep their order.
 */
final class PendingSends {

    private final List<CompletableFuture<Void>> started = new ArrayList<>();

    void add(Uni<Void> send) {
        started.add(send.subscribeAsCompletionStage());
    }

    /** Completes once every send has finished: normally if all succeeded, else failing with one of the failures. */
    Uni<Void> all() {
        if (started.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)));
    }
}
