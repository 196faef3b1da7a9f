package ru.vklad.events.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class RetryableFailureTest {

    @Test
    void postgresGoingAwayIsRetried() {
        assertTrue(RetryableFailure.test(pg("57P01", "terminating connection due to administrator command")));
        assertTrue(RetryableFailure.test(pg("57P03", "the database system is starting up")));
        assertTrue(RetryableFailure.test(pg("08006", "connection failure")));
        assertTrue(RetryableFailure.test(pg("40P01", "deadlock detected")));
        assertTrue(RetryableFailure.test(ClosedConnectionException.INSTANCE));
        assertTrue(RetryableFailure.test(new NoStackTraceThrowable("Connection is not active now, current status: "
                + "CLOSED")));
        assertTrue(RetryableFailure.test(new CompletionException(new ConnectException("Connection refused"))));
    }

    @Test
    void kafkaNotAnsweringIsRetriedARecordItRefusesIsNot() {
        assertTrue(RetryableFailure.test(new TimeoutException("Expiring 1 record(s)")));
        assertFalse(RetryableFailure.test(new RecordTooLargeException("too large")));
    }

    @Test
    void badDataAndBugsAreNotRetried() {
        assertFalse(RetryableFailure.test(pg("23505", "duplicate key value violates unique constraint")));
        assertFalse(RetryableFailure.test(pg("22001", "value too long")));
        assertFalse(RetryableFailure.test(new NullPointerException()));
        assertFalse(RetryableFailure.test(new IllegalStateException(pg("23503", "foreign key"))));
    }

    private static PgException pg(String state, String message) {
        return new PgException(message, "ERROR", state, null);
    }
}
