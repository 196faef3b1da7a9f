package ru.vklad.ledger.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.ledger.config.LedgerConfig;
import ru.vklad.ledger.service.AccountCodes;

/** Monthly payout registries of redemptions for the Spasibo program, and their reconciliation with the ledger. */
@ApplicationScoped
public class PayoutRegistries {

    private final Pool pool;
    private final ZoneId zone;

    public PayoutRegistries(Pool pool, LedgerConfig config) {
        this.pool = pool;
        this.zone = config.budgets().zone();
    }

    /** One redemption in a registry; {@code status} PENDING until the program's answer is posted. */
    public record Line(@Schema(examples = "10533") long entryId,
                       @Schema(examples = "redeem:51200901:3f2b8c1e-7d4a-4e9b-a1c6-5e0d9f8b2a74") String redemptionKey,
                       @Schema(examples = "51200901") long memberVkId,
                       @Schema(examples = "500") long points,
                       @Schema(examples = "5.00") BigDecimal amountRub,
                       @Schema(examples = "PENDING") String status) {
    }

    /**
     * A month's registry with its totals, and the ledger's own count and sum of the month's redemptions: the
     * registry reconciles when they are equal.
     */
    public record Registry(@Schema(type = SchemaType.STRING, examples = "2026-11") YearMonth month,
                           @Schema(examples = "hr.admin") String closedBy,
                           @Schema(examples = "2026-12-01T07:00:00Z") Instant closedAt,
                           List<Line> lines,
                           @Schema(examples = "38") int totalLines,
                           @Schema(examples = "21400") long totalPoints,
                           @Schema(examples = "214.00") BigDecimal totalRub,
                           @Schema(examples = "38") long ledgerRedemptions,
                           @Schema(examples = "21400") long ledgerPoints,
                           boolean reconciles) {
    }

    /** Thrown when the month is not over yet or its registry was already closed. */
    public static final class RegistryConflict extends RuntimeException {
        public RegistryConflict(String message) {
            super(message);
        }
    }

    /** Closes the month's registry: every redemption of the month not yet listed is listed in it, once. */
    public Uni<Registry> close(YearMonth month, String closedBy, Instant now) {
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        if (now.isBefore(end)) {
            return Uni.createFrom().failure(new RegistryConflict("the registry of " + month
                    + " can be closed once the month is over (" + end + ")"));
        }
        return pool.withTransaction(connection -> connection.preparedQuery("""
                                INSERT INTO payout_registry (month, closed_by) VALUES ($1, $2)
                                ON CONFLICT (month) DO NOTHING RETURNING id""")
                        .execute(Tuple.of(month.atDay(1), closedBy))
                        .chain(inserted -> {
                            if (inserted.size() == 0) {
                                throw new RegistryConflict("the registry of " + month + " was already closed");
                            }
                            long id = inserted.iterator().next().getLong(0);
                            return connection.preparedQuery(
                                            "UPDATE redemption SET registry_id = $1 WHERE month = $2 AND registry_id IS NULL")
                                    .execute(Tuple.of(id, month.atDay(1)));
                        }))
                .chain(() -> find(month))
                .map(Optional::orElseThrow);
    }

    public Uni<Optional<Registry>> find(YearMonth month) {
        return pool.withConnection(connection -> connection.preparedQuery(
                        "SELECT id, closed_by, closed_at FROM payout_registry WHERE month = $1")
                .execute(Tuple.of(month.atDay(1)))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<Registry>empty());
                    }
                    Row registry = rows.iterator().next();
                    return lines(connection, registry.getLong("id"))
                            .chain(lines -> ledgerTotals(connection, month).map(ledger -> Optional.of(registry(month,
                                    registry.getString("closed_by"),
                                    registry.getOffsetDateTime("closed_at").toInstant(), lines, ledger))));
                }));
    }

    /** The redemption an entry id names, if it is listed in the month's registry: its key and member. */
    public Uni<Optional<Line>> line(YearMonth month, long entryId) {
        return find(month).map(registry -> registry.flatMap(r -> r.lines().stream()
                .filter(line -> line.entryId() == entryId).findFirst()));
    }

    private static Registry registry(YearMonth month, String closedBy, Instant closedAt, List<Line> lines,
                                     long[] ledger) {
        long points = lines.stream().mapToLong(Line::points).sum();
        BigDecimal rub = lines.stream().map(Line::amountRub).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new Registry(month, closedBy, closedAt, lines, lines.size(), points, rub, ledger[0], ledger[1],
                ledger[0] == lines.size() && ledger[1] == points);
    }

    private static Uni<List<Line>> lines(SqlConnection connection, long registryId) {
        return connection.preparedQuery("""
                        SELECT r.entry_id, e.idempotency_key, r.member_vk_id, r.points, r.amount_kopecks, d.kind
                        FROM redemption r JOIN journal_entry e ON e.id = r.entry_id
                        LEFT JOIN journal_entry d ON d.decides_entry_id = r.entry_id
                        WHERE r.registry_id = $1 ORDER BY r.entry_id""")
                .execute(Tuple.of(registryId))
                .map(rows -> {
                    List<Line> lines = new ArrayList<>();
                    for (Row row : rows) {
                        String decision = row.getString("kind");
                        lines.add(new Line(row.getLong("entry_id"), row.getString("idempotency_key"),
                                row.getLong("member_vk_id"), row.getLong("points"),
                                BigDecimal.valueOf(row.getLong("amount_kopecks"), 2),
                                decision == null ? "PENDING" : "payout_settled".equals(decision) ? "SETTLED" : "FAILED"));
                    }
                    return lines;
                });
    }

    /** What the journal itself says was redeemed in the month: redemption entries and their clearing postings. */
    private Uni<long[]> ledgerTotals(SqlConnection connection, YearMonth month) {
        return connection.preparedQuery("""
                        SELECT count(*), coalesce(sum(p.amount), 0) FROM journal_entry e
                        JOIN posting p ON p.entry_id = e.id
                        JOIN account a ON a.id = p.account_id AND a.code = $1
                        WHERE e.kind = 'redemption' AND e.posted_at >= $2 AND e.posted_at < $3""")
                .execute(Tuple.of(AccountCodes.REDEMPTION_CLEARING,
                        month.atDay(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC),
                        month.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime()
                                .withOffsetSameInstant(ZoneOffset.UTC)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[] {row.getLong(0), row.getLong(1)};
                });
    }
}
