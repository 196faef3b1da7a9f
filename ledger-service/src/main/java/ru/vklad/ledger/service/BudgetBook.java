package ru.vklad.ledger.service;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The month's issuance budgets as a batch sees them: the overall limit ({@link #OVERALL}) and departments' limits,
 * what was issued so far, and the departments of the batch's members. Issued means made available to members:
 * awards and approved holds, less reversals. A month without limits has nothing to exceed, but its use is still
 * counted, so a budget set mid-month starts from the truth.
 */
public final class BudgetBook {

    public static final String OVERALL = "*";

    private final YearMonth month;
    private final Map<Long, String> departments;
    private final Map<String, Long> limits;
    private final Map<String, Long> issued;
    private final Map<String, Long> changes = new TreeMap<>();

    public BudgetBook(YearMonth month, Map<Long, String> departments, Map<String, Long> limits,
                      Map<String, Long> issued) {
        this.month = month;
        this.departments = Map.copyOf(departments);
        this.limits = Map.copyOf(limits);
        this.issued = new HashMap<>(issued);
    }

    /** No budgets and no use known: nothing is ever exceeded (for batches decided without them). */
    public static BudgetBook unlimited(YearMonth month) {
        return new BudgetBook(month, Map.of(), Map.of(), Map.of());
    }

    /** A copy to decide one batch with, so the snapshot it came from stays as read. */
    BudgetBook fresh() {
        return new BudgetBook(month, departments, limits, issued);
    }

    /** Why issuing {@code points} to the member now would exceed a budget; empty when it would not. */
    public Optional<String> exceededBy(long vkUserId, long points) {
        String department = departments.get(vkUserId);
        for (String budget : department == null ? new String[] {OVERALL} : new String[] {department, OVERALL}) {
            Long limit = limits.get(budget);
            long used = issued.getOrDefault(budget, 0L);
            if (limit != null && used + points > limit) {
                String whose = OVERALL.equals(budget) ? "общий бюджет" : "бюджет отдела «" + budget + "»";
                return Optional.of(whose + " на " + month + " исчерпан: лимит " + limit + ", выдано " + used
                        + ", начисление " + points + " ждёт решения HR");
            }
        }
        return Optional.empty();
    }

    /** The member's department as the members directory said, or null. */
    public String department(long vkUserId) {
        return departments.get(vkUserId);
    }

    /** Counts points made available to the member (negative: taken back) against the budgets they draw on. */
    public void issue(long vkUserId, long points) {
        String department = departments.get(vkUserId);
        add(OVERALL, points);
        if (department != null) {
            add(department, points);
        }
    }

    private void add(String budget, long points) {
        issued.merge(budget, points, Long::sum);
        changes.merge(budget, points, Long::sum);
    }

    public YearMonth month() {
        return month;
    }

    /** Change in use per budget made by this batch. */
    public Map<String, Long> changes() {
        return Map.copyOf(changes);
    }
}
