package ru.vklad.ledger.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;

import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;

/**
 * Decides a batch of commands, in order, against a snapshot of the ledger taken inside the batch's transaction:
 * which entries to post, each command's outcome and each member account's balance change. Group commit writes
 * the result in a few set-based statements, so a thousand awards drawing on the one issuance account cost one
 * transaction rather than a thousand. No I/O: the database re-checks every invariant when the result is written.
 */
public final class LedgerBatch {

    /**
     * An entry already in the journal, as much of it as deciding a command needs: {@code draft} (its postings) and
     * {@code reversed} are known for the entries the batch reverses, null and false for the others.
     */
    public record Existing(long entryId, String fingerprint, Long reversesEntryId, boolean reversed, EntryDraft draft) {
    }

    /** The journal state a batch is decided against: the entries under its keys and its members' balances. */
    public record Snapshot(Map<String, Existing> entriesByKey, Map<String, Long> balances) {
    }

    /** An entry to insert, with the id reserved for it. */
    public record NewEntry(long id, EntryDraft draft) {
    }

    /** Everything the batch writes: new entries, balance changes per member account and one outcome per command. */
    public record Result(List<NewEntry> entries, Map<String, Long> balanceChanges, List<LedgerEvent> outcomes) {
    }

    public static final String BELOW_ZERO = "the member's balance would go below zero (points already spent)";

    private final Map<String, Existing> entries;
    private final Map<String, Long> balances;
    private final LongSupplier ids;
    private final Instant now;
    private final List<NewEntry> written = new ArrayList<>();
    private final Map<String, Long> changes = new TreeMap<>();
    private final List<LedgerEvent> outcomes = new ArrayList<>();

    private LedgerBatch(Snapshot snapshot, LongSupplier ids, Instant now) {
        this.entries = new HashMap<>(snapshot.entriesByKey());
        this.balances = new HashMap<>(snapshot.balances());
        this.ids = ids;
        this.now = now;
    }

    /**
     * @param ids reserved entry ids, handed out in order; a batch needs at most one per command
     */
    public static Result decide(List<AwardCommand> commands, Snapshot snapshot, LongSupplier ids, Instant now) {
        LedgerBatch batch = new LedgerBatch(snapshot, ids, now);
        commands.forEach(batch::apply);
        return new Result(List.copyOf(batch.written), Map.copyOf(batch.changes), List.copyOf(batch.outcomes));
    }

    /** The idempotency keys a batch must look up: its own and those of the entries it reverses. */
    public static List<String> keysToLoad(List<AwardCommand> commands) {
        List<String> keys = new ArrayList<>();
        for (AwardCommand command : commands) {
            if (command.idempotencyKey() != null) {
                keys.add(command.idempotencyKey());
            }
            if (command.reversesKey() != null) {
                keys.add(command.reversesKey());
            }
        }
        return keys;
    }

    /** The member accounts whose balances a batch must read (and lock) before deciding. */
    public static List<String> accountsToLoad(List<AwardCommand> commands) {
        return commands.stream().filter(c -> c.memberVkId() > 0)
                .map(c -> AccountCodes.member(c.memberVkId())).distinct().sorted().toList();
    }

    private void apply(AwardCommand command) {
        try {
            switch (command.type()) {
                case AWARD -> award(command);
                case REVERSE -> reverse(command);
                default -> throw new CommandRejectedException("unsupported command type " + command.type());
            }
        } catch (CommandRejectedException e) {
            outcomes.add(new LedgerEvent(UUID.randomUUID().toString(), LedgerEvent.Type.COMMAND_REJECTED,
                    command.commandId(), command.idempotencyKey(), null, command.memberVkId(), command.points(), null,
                    e.getMessage(), now, command.ruleId()));
        }
    }

    private void award(AwardCommand command) {
        EntryDraft draft = AwardPlanner.plan(command);
        if (!isDuplicate(command, draft.commandFingerprint())) {
            post(command, draft, command.points());
        }
    }

    private void reverse(AwardCommand command) {
        AwardPlanner.validateReversal(command);
        String fingerprint = AwardPlanner.fingerprint(command);
        if (isDuplicate(command, fingerprint)) {
            return;
        }
        Existing original = entries.get(command.reversesKey());
        if (original == null) {
            throw new CommandRejectedException("no entry was posted under " + command.reversesKey() + " to reverse");
        }
        if (original.reversesEntryId() != null) {
            throw new CommandRejectedException("entry " + original.reversesEntryId()
                    + " is a reversal and cannot itself be reversed");
        }
        String member = AccountCodes.member(command.memberVkId());
        long credited = original.draft().postings().stream().filter(p -> p.accountCode().equals(member))
                .mapToLong(Posting::amount).sum();
        if (credited == 0) {
            throw new CommandRejectedException("the entry under " + command.reversesKey() + " does not credit " + member);
        }
        if (original.reversed()) {
            throw new CommandRejectedException("that entry was already reversed");
        }
        EntryDraft reversal = original.draft().reversal(command.idempotencyKey(), command.commandId(), fingerprint,
                command.reason(), original.entryId());
        post(command, reversal, -credited);
        entries.put(command.reversesKey(), new Existing(original.entryId(), original.fingerprint(),
                original.reversesEntryId(), true, original.draft()));
    }

    /** True when the key was already posted by the same command (outcome: duplicate); refuses a different one. */
    private boolean isDuplicate(AwardCommand command, String fingerprint) {
        Existing existing = entries.get(command.idempotencyKey());
        if (existing == null) {
            return false;
        }
        if (!existing.fingerprint().equals(fingerprint)) {
            throw new CommandRejectedException("idempotency key " + command.idempotencyKey()
                    + " was already used by a different command (entry " + existing.entryId() + ")");
        }
        String member = AccountCodes.member(command.memberVkId());
        outcomes.add(new LedgerEvent(UUID.randomUUID().toString(), LedgerEvent.Type.COMMAND_DUPLICATE,
                command.commandId(), command.idempotencyKey(), existing.entryId(), command.memberVkId(),
                signedPoints(command), balances.getOrDefault(member, 0L), command.reason(), now, command.ruleId()));
        return true;
    }

    private void post(AwardCommand command, EntryDraft draft, long memberChange) {
        Map<String, Long> after = new HashMap<>();
        for (Posting posting : draft.postings()) {
            if (AccountCodes.isMember(posting.accountCode())) {
                long balance = balances.getOrDefault(posting.accountCode(), 0L) + posting.amount();
                if (balance < 0) {
                    throw new CommandRejectedException(BELOW_ZERO);
                }
                after.put(posting.accountCode(), balance);
            }
        }
        after.forEach((account, balance) -> {
            changes.merge(account, balance - balances.getOrDefault(account, 0L), Long::sum);
            balances.put(account, balance);
        });
        long id = ids.getAsLong();
        written.add(new NewEntry(id, draft));
        entries.put(draft.idempotencyKey(), new Existing(id, draft.commandFingerprint(), draft.reversesEntryId(),
                false, draft));
        String member = AccountCodes.member(command.memberVkId());
        // A posted entry's event id is derived from the entry, so publishing it twice is recognisably one fact.
        outcomes.add(new LedgerEvent("entry-" + id, LedgerEvent.Type.ENTRY_POSTED, command.commandId(),
                command.idempotencyKey(), id, command.memberVkId(), memberChange, balances.getOrDefault(member, 0L),
                command.reason(), now, command.ruleId()));
    }

    /** Points are the change to the member's balance: a reversal takes them away. */
    private static long signedPoints(AwardCommand command) {
        return command.type() == AwardCommand.Type.REVERSE ? -Math.abs(command.points()) : command.points();
    }
}
