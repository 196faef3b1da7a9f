package ru.vklad.ledger.persistence;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.ledger.service.BudgetBook;

/**
 * Budgets and their use inside a batch's transaction. The use rows of limited budgets a batch draws on are locked
 * (in department order, after the member balances), so the budget check and the entries it allowed commit
 * together.
 */
@ApplicationScoped
public class BudgetUsage {

    /**
     * Reads the month's limits and the departments of the batch's members, and locks the use rows of the budgets
     * that have a limit: only those must not change between the check and the commit. Budgets without a limit
     * are only counted, their rows locked briefly by {@link #record} at the end of the batch, so concurrent
     * batches do not queue on the overall row for their whole transaction.
     */
    public Uni<BudgetBook> lock(SqlConnection connection, YearMonth month, List<Long> members) {
        LocalDate first = month.atDay(1);
        return connection.preparedQuery("SELECT vk_user_id, department FROM member_department WHERE vk_user_id = ANY($1)")
                .execute(Tuple.of(members.toArray(Long[]::new)))
                .chain(rows -> {
                    Map<Long, String> departments = new HashMap<>();
                    rows.forEach(row -> departments.put(row.getLong(0), row.getString(1)));
                    TreeSet<String> budgets = new TreeSet<>(departments.values());
                    budgets.add(BudgetBook.OVERALL);
                    String[] names = budgets.toArray(String[]::new);
                    return connection.preparedQuery("""
                                    INSERT INTO budget_usage (month, department, issued)
                                    SELECT $1, d, 0 FROM unnest($2::text[]) AS d ORDER BY d
                                    ON CONFLICT (month, department) DO NOTHING""")
                            .execute(Tuple.of(first, names))
                            .chain(() -> connection.preparedQuery(
                                            "SELECT department, limit_points FROM budget WHERE month = $1 AND department = ANY($2)")
                                    .execute(Tuple.of(first, names)))
                            .map(BudgetUsage::toMap)
                            .chain(limits -> limits.isEmpty()
                                    ? Uni.createFrom().item(new BudgetBook(month, departments, limits, Map.of()))
                                    : connection.preparedQuery("""
                                                    SELECT department, issued FROM budget_usage
                                                    WHERE month = $1 AND department = ANY($2)
                                                    ORDER BY department FOR UPDATE""")
                                            .execute(Tuple.of(first, new TreeSet<>(limits.keySet()).toArray(String[]::new)))
                                            .map(usage -> new BudgetBook(month, departments, limits, toMap(usage))));
                });
    }

    /** Adds the batch's change in use to each budget's row (locked by {@link #lock}). */
    public Uni<Void> record(SqlConnection connection, YearMonth month, Map<String, Long> changes) {
        List<String> names = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        new java.util.TreeMap<>(changes).forEach((name, change) -> {
            if (change != 0) {
                names.add(name);
                amounts.add(change);
            }
        });
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        UPDATE budget_usage u SET issued = u.issued + c.change
                        FROM unnest($2::text[], $3::bigint[]) AS c (department, change)
                        WHERE u.month = $1 AND u.department = c.department""")
                .execute(Tuple.of(month.atDay(1), names.toArray(String[]::new), amounts.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private static Map<String, Long> toMap(Iterable<Row> rows) {
        Map<String, Long> values = new HashMap<>();
        rows.forEach(row -> values.put(row.getString(0), row.getLong(1)));
        return values;
    }
}
