package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class SharedRunTest {

    /** Runs that finish when the test says, numbered in the order they began. */
    private final List<CompletableFuture<Integer>> runs = new ArrayList<>();
    private final SharedRun<Integer> shared = new SharedRun<>(() -> {
        CompletableFuture<Integer> run = new CompletableFuture<>();
        runs.add(run);
        return Uni.createFrom().completionStage(run);
    });

    @Test
    void aCallWhileOneRunsGetsTheNextRunSharedWithEveryoneWhoAskedMeanwhile() {
        CompletableFuture<Integer> first = shared.after().subscribeAsCompletionStage();
        CompletableFuture<Integer> second = shared.after().subscribeAsCompletionStage();
        CompletableFuture<Integer> third = shared.after().subscribeAsCompletionStage();
        assertThat(runs).hasSize(1);

        runs.get(0).complete(1);
        assertThat(first).isCompletedWithValue(1);
        // The first run may have missed what was committed before the later calls: they wait for a run of their own.
        assertThat(second).isNotDone();
        assertThat(runs).hasSize(2);

        runs.get(1).complete(2);
        assertThat(second).isCompletedWithValue(2);
        assertThat(third).isCompletedWithValue(2);
        assertThat(runs).hasSize(2);
    }

    @Test
    void aFailedRunFailsItsCallersAndTheNextCallRunsAgain() {
        CompletableFuture<Integer> failing = shared.after().subscribeAsCompletionStage();
        runs.get(0).completeExceptionally(new IllegalStateException("database away"));
        assertThat(failing).isCompletedExceptionally();

        CompletableFuture<Integer> again = shared.after().subscribeAsCompletionStage();
        runs.get(1).complete(3);
        assertThat(again).isCompletedWithValue(3);
    }
}
