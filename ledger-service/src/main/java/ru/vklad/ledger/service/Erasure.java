package ru.vklad.ledger.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.ledger.persistence.Holds;
import ru.vklad.ledger.persistence.MemberErasure;

/**
 * A member's erasure in the ledger: awards still held for HR are rejected first (nobody could decide them once the
 * member is anonymous; each rejection is an ordinary command keyed by the hold), then the member's id is replaced
 * by an anonymous one. Both steps can run again: a redelivered tombstone changes nothing more.
 */
@ApplicationScoped
public class Erasure {

    static final String REASON = "участник удалён из программы";
    /** The tombstone's time is the gateway's clock, account times the database's: allow them to differ this much. */
    private static final java.time.Duration CLOCK_MARGIN = java.time.Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(Erasure.class);

    private final Holds holds;
    private final CommandProcessor processor;
    private final MemberErasure erasure;
    private final LedgerClock clock;

    public Erasure(Holds holds, CommandProcessor processor, MemberErasure erasure, LedgerClock clock) {
        this.holds = holds;
        this.processor = processor;
        this.erasure = erasure;
        this.clock = clock;
    }

    public Uni<Void> erase(long vkUserId, Instant erasedAt) {
        return holds.waitingOf(vkUserId).chain(waiting -> {
            List<AwardCommand> rejections = waiting.stream()
                    .map(hold -> hold.rejection("hold-erased-" + hold.entryId(), "erased", REASON, clock.now()))
                    .toList();
            return rejections.isEmpty() ? Uni.createFrom().voidItem() : processor.process(rejections);
        }).chain(() -> erasure.anonymize(vkUserId, erasedAt.plus(CLOCK_MARGIN)))
                .invoke(() -> LOG.info("Erased a member from the ledger: entries kept under an anonymous id"))
                // SmallRye only says the tombstone was nacked to the dead-letter topic: the cause is logged here.
                .onFailure().invoke(failure -> LOG.errorf(failure, "Could not erase a member from the ledger; "
                        + "the tombstone goes to members.dlq"));
    }
}
