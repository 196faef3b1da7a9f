package ru.vklad.ledger.persistence;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** HR's monthly budgets and how much of each was issued. */
@ApplicationScoped
public class Budgets {

    private final Pool pool;

    public Budgets(Pool pool) {
        this.pool = pool;
    }

    /** A budget of the month; {@code limit} null when only its use is known (no limit set). */
    public record BudgetView(@Schema(examples = "Продажи") String department,
                             @Schema(examples = "20000") Long limit,
                             @Schema(examples = "12840") long issued,
                             @Schema(examples = "hr.admin") String setBy) {
    }

    public Uni<Void> set(YearMonth month, String department, long limit, String setBy) {
        return pool.preparedQuery("""
                        INSERT INTO budget (month, department, limit_points, set_by) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (month, department)
                        DO UPDATE SET limit_points = EXCLUDED.limit_points, set_by = EXCLUDED.set_by, set_at = now()""")
                .execute(Tuple.of(month.atDay(1), department, limit, setBy))
                .replaceWithVoid();
    }

    public Uni<List<BudgetView>> month(YearMonth month) {
        return pool.preparedQuery("""
                        SELECT coalesce(b.department, u.department) AS department, b.limit_points,
                               coalesce(u.issued, 0) AS issued, b.set_by
                        FROM budget b FULL JOIN budget_usage u ON u.month = b.month AND u.department = b.department
                        WHERE coalesce(b.month, u.month) = $1
                        ORDER BY 1""")
                .execute(Tuple.of(month.atDay(1)))
                .map(rows -> {
                    List<BudgetView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(new BudgetView(row.getString("department"), row.getLong("limit_points"),
                                row.getLong("issued"), row.getString("set_by")));
                    }
                    return views;
                });
    }
}
