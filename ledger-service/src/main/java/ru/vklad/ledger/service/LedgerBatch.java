package ru.vklad.ledger.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * An entry already in the journal, as much of it as deciding a command needs: {@code draft} (its postings),
     * {@code reversed} and {@code resolution} are known for the entries the batch refers to, null and false for
     * the others.
     *
     * @param resolution for a hold, the entry that decided it (approved or rejected), for a redemption the one that
     *                   settled or failed its payout; null while it waits
     * @param listed     for a redemption: whether a payout registry lists it (only then can its payout be decided)
     */
    public record Existing(long entryId, String fingerprint, String kind, Long reversesEntryId, boolean reversed,
                           EntryDraft draft, Resolution resolution, boolean listed) {

        public Existing(long entryId, String fingerprint, String kind, Long reversesEntryId, boolean reversed,
                        EntryDraft draft, Resolution resolution) {
            this(entryId, fingerprint, kind, reversesEntryId, reversed, draft, resolution, false);
        }

        Existing reversedNow() {
            return new Existing(entryId, fingerprint, kind, reversesEntryId, true, draft, resolution, listed);
        }

        Existing resolvedBy(Resolution decision) {
            return new Existing(entryId, fingerprint, kind, reversesEntryId, reversed, draft, decision, listed);
        }
    }

    /** The entry that decided a hold, and whether (for an approval) it was reversed since. */
    public record Resolution(long entryId, String kind, boolean reversed) {

        Resolution reversedNow() {
            return new Resolution(entryId, kind, true);
        }
    }

    /**
     * The journal state a batch is decided against: the entries under its keys, its members' balances and, for
     * the members whose commands may concern held points, their pending points.
     */
    public record Snapshot(Map<String, Existing> entriesByKey, Map<String, Long> balances, Map<String, Long> pending,
                           BudgetBook budgets) {
    }

    /** An entry to insert, with the id reserved for it. */
    public record NewEntry(long id, EntryDraft draft) {
    }

    /**
     * Everything the batch writes: new entries, balance changes per member account, one outcome per command (and
     * the budget-exceeded facts beside them), and the change in use per budget of the month.
     */
    public record Result(List<NewEntry> entries, Map<String, Long> balanceChanges, List<LedgerEvent> outcomes,
                         java.time.YearMonth month, Map<String, Long> budgetChanges, List<NewRedemption> redemptions,
                         List<PayoutDecision> payoutDecisions) {
    }

    /** A redemption posted by the batch, for the payout registry: its entry, member, points and roubles. */
    public record NewRedemption(long entryId, long memberVkId, long points, java.math.BigDecimal rubPerPoint,
                                long amountKopecks) {
    }

    /** The payout of a redemption settled or failed by the batch's entry {@code entryId}. */
    public record PayoutDecision(long redemptionEntryId, long entryId, String outcome) {
    }

    public static final String BELOW_ZERO = "the member's balance would go below zero (points already spent)";

    private final Map<String, Existing> entries;
    private final Map<String, Long> balances;
    private final Map<String, Long> pending;
    private final BudgetBook budgets;
    private final LongSupplier ids;
    private final Instant now;
    private final List<NewEntry> written = new ArrayList<>();
    private final Map<String, Long> changes = new TreeMap<>();
    private final List<LedgerEvent> outcomes = new ArrayList<>();
    private final List<NewRedemption> redemptions = new ArrayList<>();
    private final List<PayoutDecision> payoutDecisions = new ArrayList<>();
    private final RedemptionPolicy policy;

    private LedgerBatch(Snapshot snapshot, LongSupplier ids, Instant now, RedemptionPolicy policy) {
        this.policy = policy;
        this.entries = new HashMap<>(snapshot.entriesByKey());
        this.balances = new HashMap<>(snapshot.balances());
        this.pending = new HashMap<>(snapshot.pending());
        this.budgets = snapshot.budgets().fresh();
        this.ids = ids;
        this.now = now;
    }

    /**
     * @param ids reserved entry ids, handed out in order; a batch needs at most one per command
     */
    public static Result decide(List<AwardCommand> commands, Snapshot snapshot, LongSupplier ids, Instant now,
                                RedemptionPolicy policy) {
        LedgerBatch batch = new LedgerBatch(snapshot, ids, now, policy);
        commands.forEach(batch::apply);
        return new Result(List.copyOf(batch.written), Map.copyOf(batch.changes), List.copyOf(batch.outcomes),
                batch.budgets.month(), batch.budgets.changes(), List.copyOf(batch.redemptions),
                List.copyOf(batch.payoutDecisions));
    }


    /** The idempotency keys a batch must look up: its own and those of the entries it refers to. */
    public static List<String> keysToLoad(List<AwardCommand> commands) {
        List<String> keys = new ArrayList<>(referencedKeys(commands));
        commands.stream().map(AwardCommand::idempotencyKey).filter(java.util.Objects::nonNull).forEach(keys::add);
        return keys;
    }

    /** The member accounts whose balances a batch must read (and lock) before deciding. */
    public static List<String> accountsToLoad(List<AwardCommand> commands) {
        return commands.stream().filter(c -> c.memberVkId() > 0)
                .map(c -> AccountCodes.member(c.memberVkId())).distinct().sorted().toList();
    }

    /**
     * The members whose departments a batch needs: all of them, since approvals and reversals count against the
     * budgets as awards do.
     */
    public static List<Long> membersToBudget(List<AwardCommand> commands) {
        return commands.stream().filter(c -> c.memberVkId() > 0).map(AwardCommand::memberVkId).distinct().sorted()
                .toList();
    }

    /** The pending (held) accounts a batch must sum: those of members with any command other than an award. */
    public static List<String> pendingAccountsToLoad(List<AwardCommand> commands) {
        return commands.stream().filter(c -> c.memberVkId() > 0 && c.type() != AwardCommand.Type.AWARD)
                .map(c -> AccountCodes.held(c.memberVkId())).distinct().sorted().toList();
    }

    /** The entries whose postings and decisions a batch needs: those it reverses or decides. */
    public static List<String> referencedKeys(List<AwardCommand> commands) {
        List<String> keys = new ArrayList<>();
        for (AwardCommand command : commands) {
            if (command.reversesKey() != null) {
                keys.add(command.reversesKey());
            }
            if (command.targetKey() != null) {
                keys.add(command.targetKey());
            }
        }
        return keys;
    }

    private void apply(AwardCommand command) {
        try {
            switch (command.type()) {
                case AWARD -> award(command);
                case HOLD -> postUnlessDuplicate(command, AwardPlanner.hold(command, issuanceOf(command)));
                case REVERSE -> reverse(command);
                case APPROVE_HELD, REJECT_HELD -> decideHold(command);
                case REDEEM -> redeem(command);
                case SETTLE_PAYOUT, FAIL_PAYOUT -> decidePayout(command);
            }
        } catch (CommandRejectedException e) {
            outcomes.add(new LedgerEvent(UUID.randomUUID().toString(), LedgerEvent.Type.COMMAND_REJECTED,
                    command.commandId(), command.idempotencyKey(), null, command.memberVkId(), command.points(), null,
                    e.getMessage(), now, command.ruleId()));
        }
    }

    /** An award within budget is posted; one that would exceed a budget is held for HR under the same key. */
    private void award(AwardCommand command) {
        String issuance = issuanceOf(command);
        EntryDraft draft = AwardPlanner.plan(command, issuance);
        if (isDuplicate(command, draft.commandFingerprint())) {
            return;
        }
        Optional<String> exceeded = budgets.exceededBy(command.memberVkId(), command.points());
        if (exceeded.isEmpty()) {
            post(command, draft);
            return;
        }
        post(command, AwardPlanner.hold(command, issuance));
        long holdId = lastEntryId();
        outcomes.add(new LedgerEvent("budget-" + holdId, LedgerEvent.Type.BUDGET_EXCEEDED, command.commandId(),
                command.idempotencyKey(), holdId, command.memberVkId(), command.points(),
                balances.getOrDefault(AccountCodes.member(command.memberVkId()), 0L), exceeded.get(), now,
                command.ruleId(), EntryKinds.HOLD, command.points(), pending.get(AccountCodes.held(command.memberVkId()))));
    }

    /** The member's department's issuance account, as the members directory says now. */
    private String issuanceOf(AwardCommand command) {
        return AccountCodes.issuance(budgets.department(command.memberVkId()));
    }

    private void postUnlessDuplicate(AwardCommand command, EntryDraft draft) {
        if (!isDuplicate(command, draft.commandFingerprint())) {
            post(command, draft);
        }
    }

    /**
     * Takes back an award. A hold still waiting is rejected instead; an approved one has its approval taken back;
     * a rejected one has nothing left to take.
     */
    private void reverse(AwardCommand command) {
        String targetKey = AwardPlanner.validateReference(command);
        String fingerprint = AwardPlanner.fingerprint(command);
        if (isDuplicate(command, fingerprint)) {
            return;
        }
        Existing target = referenced(targetKey, "to reverse");
        if (target.reversesEntryId() != null) {
            throw new CommandRejectedException("entry " + target.reversesEntryId()
                    + " is a reversal and cannot itself be reversed");
        }
        String member = AccountCodes.member(command.memberVkId());
        if (EntryKinds.HOLD.equals(target.kind())) {
            requireOwnHold(command, target, targetKey);
            Resolution decision = target.resolution();
            if (decision == null) {
                post(command, AwardPlanner.resolveHold(asRejection(command, targetKey), target.draft(),
                        target.entryId(), target.draft().amountOn(AccountCodes.held(command.memberVkId()))));
                entries.put(targetKey, target.resolvedBy(new Resolution(lastEntryId(), EntryKinds.HOLD_REJECTED, false)));
                return;
            }
            if (!EntryKinds.HOLD_APPROVED.equals(decision.kind())) {
                throw new CommandRejectedException("the held award under " + targetKey
                        + " was rejected: there is nothing to take back");
            }
            if (decision.reversed()) {
                throw new CommandRejectedException("that entry was already reversed");
            }
            long approved = target.draft().amountOn(AccountCodes.held(command.memberVkId()));
            post(command, AwardPlanner.takeBack(command, target.draft(), decision.entryId(), approved));
            entries.put(targetKey, target.resolvedBy(decision.reversedNow()));
            return;
        }
        long credited = target.draft().amountOn(member);
        if (credited <= 0) {
            throw new CommandRejectedException("the entry under " + targetKey + " does not credit " + member);
        }
        if (target.reversed()) {
            throw new CommandRejectedException("that entry was already reversed");
        }
        post(command, AwardPlanner.takeBack(command, target.draft(), target.entryId(), credited));
        entries.put(targetKey, target.reversedNow());
    }

    private void decideHold(AwardCommand command) {
        String holdKey = AwardPlanner.validateReference(command);
        if (isDuplicate(command, AwardPlanner.fingerprint(command))) {
            return;
        }
        Existing hold = referenced(holdKey, "to decide");
        if (!EntryKinds.HOLD.equals(hold.kind())) {
            throw new CommandRejectedException("the entry under " + holdKey + " is not a held award");
        }
        requireOwnHold(command, hold, holdKey);
        if (hold.resolution() != null) {
            throw new CommandRejectedException("the held award under " + holdKey + " was already "
                    + (EntryKinds.HOLD_APPROVED.equals(hold.resolution().kind()) ? "approved" : "rejected"));
        }
        EntryDraft decision = AwardPlanner.resolveHold(command, hold.draft(), hold.entryId(),
                hold.draft().amountOn(AccountCodes.held(command.memberVkId())));
        post(command, decision);
        entries.put(holdKey, hold.resolvedBy(new Resolution(lastEntryId(), decision.kind(), false)));
    }

    /** Points into the Spasibo program: at least the minimum, never more than the member has available. */
    private void redeem(AwardCommand command) {
        EntryDraft draft = AwardPlanner.redeem(command);
        if (isDuplicate(command, draft.commandFingerprint())) {
            return;
        }
        if (command.points() < policy.minimumPoints()) {
            throw new CommandRejectedException("the smallest redemption is " + policy.minimumPoints() + " points, asked "
                    + command.points());
        }
        long available = balances.getOrDefault(AccountCodes.member(command.memberVkId()), 0L);
        if (available < command.points()) {
            throw new CommandRejectedException("not enough points to redeem: " + available + " available, "
                    + command.points() + " asked");
        }
        post(command, draft);
        redemptions.add(new NewRedemption(lastEntryId(), command.memberVkId(), command.points(), policy.rubPerPoint(),
                policy.kopecks(command.points())));
    }

    /** The Spasibo program's answer for a listed redemption: paid (settled) or not (the points go back). */
    private void decidePayout(AwardCommand command) {
        String redemptionKey = AwardPlanner.validateReference(command);
        if (isDuplicate(command, AwardPlanner.fingerprint(command))) {
            return;
        }
        Existing redemption = referenced(redemptionKey, "to settle");
        if (!EntryKinds.REDEMPTION.equals(redemption.kind())) {
            throw new CommandRejectedException("the entry under " + redemptionKey + " is not a redemption");
        }
        long points = -redemption.draft().amountOn(AccountCodes.member(command.memberVkId()));
        if (points <= 0) {
            throw new CommandRejectedException("the redemption under " + redemptionKey + " is not member "
                    + command.memberVkId() + "'s");
        }
        if (!redemption.listed()) {
            throw new CommandRejectedException("the redemption under " + redemptionKey
                    + " is in no payout registry yet");
        }
        if (redemption.resolution() != null) {
            throw new CommandRejectedException("the payout of the redemption under " + redemptionKey + " was already "
                    + (EntryKinds.PAYOUT_SETTLED.equals(redemption.resolution().kind()) ? "settled" : "failed"));
        }
        EntryDraft decision = AwardPlanner.decidePayout(command, redemption.entryId(), points);
        post(command, decision);
        payoutDecisions.add(new PayoutDecision(redemption.entryId(), lastEntryId(),
                command.type() == AwardCommand.Type.SETTLE_PAYOUT ? "SETTLED" : "FAILED"));
        entries.put(redemptionKey, redemption.resolvedBy(new Resolution(lastEntryId(), decision.kind(), false)));
    }

    private Existing referenced(String key, String purpose) {
        Existing target = entries.get(key);
        if (target == null) {
            throw new CommandRejectedException("no entry was posted under " + key + " " + purpose);
        }
        return target;
    }

    private static void requireOwnHold(AwardCommand command, Existing hold, String holdKey) {
        if (hold.draft().amountOn(AccountCodes.held(command.memberVkId())) <= 0) {
            throw new CommandRejectedException("the held award under " + holdKey + " is not for member "
                    + command.memberVkId());
        }
    }

    /** A reversal of a waiting hold is written as its rejection, keyed and worded as the reversal. */
    private static AwardCommand asRejection(AwardCommand reversal, String holdKey) {
        return new AwardCommand(reversal.commandId(), reversal.idempotencyKey(), AwardCommand.Type.REJECT_HELD,
                reversal.memberVkId(), reversal.points(), reversal.ruleId(), reversal.ruleVersion(), reversal.reason(),
                reversal.source(), reversal.issuedAt(), null, holdKey);
    }

    private long lastEntryId() {
        return written.get(written.size() - 1).id();
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
        outcomes.add(new LedgerEvent(UUID.randomUUID().toString(), LedgerEvent.Type.COMMAND_DUPLICATE,
                command.commandId(), command.idempotencyKey(), existing.entryId(), command.memberVkId(),
                signedPoints(command), balances.getOrDefault(AccountCodes.member(command.memberVkId()), 0L),
                command.reason(), now, command.ruleId(), existing.kind(), 0,
                pending.get(AccountCodes.held(command.memberVkId()))));
        return true;
    }

    private void post(AwardCommand command, EntryDraft draft) {
        String member = AccountCodes.member(command.memberVkId());
        String held = AccountCodes.held(command.memberVkId());
        long available = draft.amountOn(member);
        long balance = balances.getOrDefault(member, 0L) + available;
        if (balance < 0) {
            throw new CommandRejectedException(BELOW_ZERO);
        }
        if (available != 0) {
            changes.merge(member, available, Long::sum);
            balances.put(member, balance);
            if (EntryKinds.countsAgainstBudget(draft.kind())) {
                budgets.issue(command.memberVkId(), available);
            }
        }
        long pendingChange = draft.amountOn(held);
        Long pendingBalance = pending.containsKey(held) ? pending.get(held) + pendingChange : null;
        if (pendingBalance != null) {
            pending.put(held, pendingBalance);
        }
        long id = ids.getAsLong();
        written.add(new NewEntry(id, draft));
        entries.put(draft.idempotencyKey(), new Existing(id, draft.commandFingerprint(), draft.kind(),
                draft.reversesEntryId(), false, draft, null));
        // A posted entry's event id is derived from the entry, so publishing it twice is recognisably one fact.
        outcomes.add(new LedgerEvent("entry-" + id, LedgerEvent.Type.ENTRY_POSTED, command.commandId(),
                command.idempotencyKey(), id, command.memberVkId(), available, balance, command.reason(), now,
                command.ruleId(), draft.kind(), pendingChange, pendingBalance));
    }

    /** Points are the change to the member's balance: a reversal takes them away. */
    private static long signedPoints(AwardCommand command) {
        return command.type() == AwardCommand.Type.REVERSE ? -Math.abs(command.points()) : command.points();
    }
}
