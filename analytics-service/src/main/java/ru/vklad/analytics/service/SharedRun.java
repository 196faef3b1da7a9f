package ru.vklad.analytics.service;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs a catch-up (re-reading what other transactions committed) for callers who need one that begins after their
 * call: a run already going may have missed what was just committed. Callers who ask while one runs share the next
 * one, so however many ask at once, at most two runs are queued.
 */
public final class SharedRun<T> {

    private final Supplier<Uni<T>> run;

    /** The run going now and the one asked for after it began (null: none). */
    private CompletableFuture<T> running;
    private CompletableFuture<T> next;

    public SharedRun(Supplier<Uni<T>> run) {
        this.run = run;
    }

    /** The outcome of a run that begins after this call. */
    public Uni<T> after() {
        CompletableFuture<T> mine;
        boolean start;
        synchronized (this) {
            start = next == null && running == null;
            if (next == null) {
                next = new CompletableFuture<>();
            }
            mine = next;
        }
        if (start) {
            startNext();
        }
        return Uni.createFrom().completionStage(mine);
    }

    private void startNext() {
        CompletableFuture<T> starting;
        synchronized (this) {
            starting = next;
            next = null;
            running = starting;
        }
        Uni<T> started;
        try {
            started = run.get();
        } catch (RuntimeException failure) {
            started = Uni.createFrom().failure(failure);
        }
        started.subscribe().with(done -> finished(starting, done, null), failure -> finished(starting, null, failure));
    }

    private void finished(CompletableFuture<T> finished, T done, Throwable failure) {
        boolean again;
        synchronized (this) {
            running = null;
            again = next != null;
        }
        if (again) {
            startNext();
        }
        if (failure == null) {
            finished.complete(done);
        } else {
            finished.completeExceptionally(failure);
        }
    }
}
