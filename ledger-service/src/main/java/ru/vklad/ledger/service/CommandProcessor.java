package ru.vklad.ledger.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.ledger.persistence.JournalRepository;

/**
 * Gives every command of a batch its outcome. The batch is written in one transaction; when the database refuses
 * it (another replica posted one of its keys a moment earlier, or a constraint caught what the batch missed), each
 * command is retried on its own so one bad command cannot hold up the others, and a command the database still
 * refuses is rejected with the database's reason. Failures of the database itself are retried until it is back:
 * nothing is acknowledged to Kafka before its outcome is committed.
 */
@ApplicationScoped
public class CommandProcessor {

    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);

    private final JournalRepository journal;
    private final LedgerClock clock;
    private final Counter split;
    private final Timer batches;
    private final DistributionSummary batchSizes;

    public CommandProcessor(JournalRepository journal, MeterRegistry metrics, LedgerClock clock) {
        this.journal = journal;
        this.clock = clock;
        this.split = metrics.counter("vklad.ledger.batches.split");
        this.batches = metrics.timer("vklad.ledger.batch.duration");
        this.batchSizes = metrics.summary("vklad.ledger.batch.commands");
    }

    public Uni<Void> process(List<AwardCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        batchSizes.record(commands.size());
        return untilDatabaseAnswers(() -> journal.post(commands, clock.now()).replaceWithVoid())
                .invoke(() -> batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .onFailure(CommandProcessor::isRefusal).recoverWithUni(refusal -> {
                    split.increment();
                    LOG.infof("Batch of %d commands refused (%s); posting them one by one", commands.size(),
                            refusal.getMessage());
                    return Multi.createFrom().iterable(commands)
                            .onItem().transformToUniAndConcatenate(this::processAlone)
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> processAlone(AwardCommand command) {
        return untilDatabaseAnswers(() -> journal.post(List.of(command), clock.now()).replaceWithVoid())
                .onFailure(CommandProcessor::isRefusal).recoverWithUni(refusal -> {
                    LOG.warnf("Award command %s refused by the database: %s", command.commandId(), refusal.getMessage());
                    return untilDatabaseAnswers(() -> journal.reject(rejection(command, refusal)));
                });
    }

    private static Uni<Void> untilDatabaseAnswers(Supplier<Uni<? extends Void>> attempt) {
        return Uni.createFrom().<Void>deferred(attempt)
                .onFailure(failure -> !isRefusal(failure))
                .invoke(failure -> LOG.warnf("Ledger database unavailable, retrying: %s", failure.getMessage()))
                .onFailure(failure -> !isRefusal(failure))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely();
    }

    /**
     * A refusal is the database saying no to this data (integrity constraints, the ledger's triggers); anything
     * else — a lost connection, a restart, a deadlock — is worth retrying as it is.
     */
    static boolean isRefusal(Throwable failure) {
        if (failure instanceof PgException pg) {
            String state = String.valueOf(pg.getSqlState());
            return state.startsWith("23") || state.equals("42501") || state.equals("P0001");
        }
        return false;
    }

    private LedgerEvent rejection(AwardCommand command, Throwable refusal) {
        return new LedgerEvent(UUID.randomUUID().toString(), LedgerEvent.Type.COMMAND_REJECTED, command.commandId(),
                command.idempotencyKey(), null, command.memberVkId(), command.points(), null,
                RefusalReasons.explain((PgException) refusal), clock.now(), command.ruleId());
    }
}
