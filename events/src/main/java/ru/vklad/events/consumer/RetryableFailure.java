package ru.vklad.events.consumer;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.common.errors.RetriableException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;

/**
 * Whether a failure to process a callback is the infrastructure's, gone once it is back (PostgreSQL restarting or
 * unreachable, a lost connection, a deadlock, Kafka not answering): then the same callback is tried again, not
 * parked on the dead-letter topic, where its points would be lost. Anything else (a constraint the data breaks, a
 * bug) is not retried.
 */
public final class RetryableFailure {

    /** SQLSTATE classes: connection exception, insufficient resources, operator intervention, rollback. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "40");

    private RetryableFailure() {
    }

    /**
     * {@code attempt}, tried again with backoff (0.2 s up to 5 s) for as long as it fails for the infrastructure's
     * reasons, each such failure first handed to {@code onRetry} (to log it). The attempt must be idempotent.
     */
    public static <T> Uni<T> retried(Supplier<Uni<? extends T>> attempt, Consumer<Throwable> onRetry) {
        return Uni.createFrom().<T>deferred(attempt)
                .onFailure(RetryableFailure::test).invoke(onRetry)
                .onFailure(RetryableFailure::test).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .indefinitely();
    }

    public static boolean test(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg) {
                String state = String.valueOf(pg.getSqlState());
                return state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))
                        || "55P03".equals(state);
            }
            // The SQL client's lost connections and closed pools ("Connection is not active now", a Vert.x
            // NoStackTraceThrowable), connection refused, Kafka's timeouts.
            if (cause instanceof VertxException || cause instanceof NoStackTraceThrowable
                    || cause instanceof IOException || cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
