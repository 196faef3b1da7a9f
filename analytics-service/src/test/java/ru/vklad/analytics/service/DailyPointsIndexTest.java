package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ru.vklad.analytics.service.DailyPointsIndex.Entry;
import ru.vklad.analytics.service.DailyPointsIndex.MemberDay;

class DailyPointsIndexTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    private static final List<String> DEPARTMENTS = java.util.Arrays.asList("Склад", "Продажи", null);

    /** The rows as a plain map, summed the obvious way: what every answer of the index must equal. */
    private final Map<MemberDay, Entry> rows = new HashMap<>();

    @Test
    void everyRangeTopAndPlaceEqualThePlainSumsThroughChangesRemovalsAndMovedDays() {
        SplittableRandom random = new SplittableRandom(42);
        DailyPointsIndex index = DailyPointsIndex.since(FIRST);
        long erased = -1;
        for (int round = 0; round < 12; round++) {
            List<MemberDay> asked = new ArrayList<>();
            for (int change = 0; change < 300; change++) {
                MemberDay memberDay = new MemberDay(random.nextLong(1, 61), FIRST.plusDays(random.nextInt(40)));
                asked.add(memberDay);
                rows.remove(memberDay);
                if (random.nextInt(5) > 0) {
                    Entry entry = new Entry(memberDay.vkUserId(), memberDay.day(), random.nextLong(-5, 30),
                            rows.values().stream().filter(e -> e.vkUserId() == memberDay.vkUserId()).findAny()
                                    .map(Entry::department)
                                    .orElse(DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()))));
                    rows.put(memberDay, entry);
                }
            }
            if (round % 3 == 2) {
                // An erasure: a member's rows move to a new negative id; every day of both is asked again.
                long member = random.nextLong(1, 61);
                long surrogate = erased--;
                for (Entry entry : List.copyOf(rows.values())) {
                    if (entry.vkUserId() == member) {
                        asked.add(new MemberDay(member, entry.day()));
                        asked.add(new MemberDay(surrogate, entry.day()));
                        rows.remove(new MemberDay(member, entry.day()));
                        Entry moved = new Entry(surrogate, entry.day(), entry.points(), entry.department());
                        rows.put(new MemberDay(surrogate, entry.day()), moved);
                    }
                }
            }
            // What a read of the asked member days finds after the round, as the database would.
            List<Entry> found = rows.values().stream()
                    .filter(e -> asked.contains(new MemberDay(e.vkUserId(), e.day()))).toList();
            index = index.with(asked, found);
            assertThat(index.size()).isEqualTo(rows.size());
            for (int query = 0; query < 40; query++) {
                int from = random.nextInt(40);
                Period period = new Period(FIRST.plusDays(from), FIRST.plusDays(random.nextInt(from, 45)));
                String department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
                for (int limit : new int[] {1, 7, 100}) {
                    assertThat(index.top(period, department, limit)).as("%s %s top %d", period, department, limit)
                            .isEqualTo(plainTop(period, department, limit));
                }
                long member = random.nextLong(1, 61);
                assertThat(index.place(member, period, department)).as("%s %s place of %d", period, department,
                        member).isEqualTo(plainPlace(member, period, department));
            }
        }
    }

    @Test
    void equalPointsShareAPlaceAndAreListedByVkId() {
        LocalDate day = FIRST.plusDays(3);
        DailyPointsIndex index = DailyPointsIndex.since(FIRST).with(List.of(), List.of(
                new Entry(30, day, 10, "Склад"), new Entry(20, day, 10, "Склад"), new Entry(10, day, 4, null),
                new Entry(-7, day, 99, "Склад")));
        Period period = new Period(day, day);
        assertThat(index.top(period, null, 10)).containsExactly(new Rankings.Score(20, 10),
                new Rankings.Score(30, 10), new Rankings.Score(10, 4));
        assertThat(index.place(30, period, null)).contains(new Rankings.Place(30, 1, 3, 10));
        assertThat(index.place(10, period, null)).contains(new Rankings.Place(10, 3, 3, 4));
        assertThat(index.place(10, period, "Склад")).isEmpty();
        assertThat(index.top(period, "Бухгалтерия", 10)).isEmpty();
        assertThat(index.place(11, period, null)).isEmpty();
    }

    @Test
    void daysBeforeTheFirstAreNeitherHeldNorAnswered() {
        DailyPointsIndex index = DailyPointsIndex.since(FIRST).with(List.of(), List.of(
                new Entry(1, FIRST.minusDays(1), 5, null), new Entry(1, FIRST, 3, null),
                new Entry(1, FIRST.plusDays(10), 4, null)));
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.covers(new Period(FIRST, FIRST.plusDays(400)))).isTrue();
        assertThat(index.covers(new Period(FIRST.minusDays(1), FIRST))).isFalse();
        assertThatThrownBy(() -> index.top(new Period(FIRST.minusDays(1), FIRST), null, 1))
                .isInstanceOf(IllegalArgumentException.class);

        DailyPointsIndex later = index.withoutDaysBefore(FIRST.plusDays(5));
        assertThat(later.size()).isEqualTo(1);
        assertThat(later.since()).isEqualTo(FIRST.plusDays(5));
        assertThat(later.top(new Period(FIRST.plusDays(5), FIRST.plusDays(20)), null, 5))
                .containsExactly(new Rankings.Score(1, 4));
        // The earlier index is unchanged.
        assertThat(index.top(new Period(FIRST, FIRST.plusDays(20)), null, 5)).containsExactly(new Rankings.Score(1, 7));
    }

    private Map<Long, Long> plainTotals(Period period, String department) {
        Map<Long, Long> totals = new HashMap<>();
        for (Entry entry : rows.values()) {
            if (!entry.day().isBefore(period.from()) && !entry.day().isAfter(period.to()) && entry.vkUserId() > 0
                    && (department == null || department.equals(entry.department()))) {
                totals.merge(entry.vkUserId(), entry.points(), Long::sum);
            }
        }
        return totals;
    }

    private List<Rankings.Score> plainTop(Period period, String department, int limit) {
        return plainTotals(period, department).entrySet().stream()
                .map(total -> new Rankings.Score(total.getKey(), total.getValue()))
                .sorted(Comparator.comparingLong(Rankings.Score::points).reversed()
                        .thenComparingLong(Rankings.Score::vkUserId))
                .limit(limit).toList();
    }

    private Optional<Rankings.Place> plainPlace(long member, Period period, String department) {
        Map<Long, Long> totals = plainTotals(period, department);
        if (!totals.containsKey(member)) {
            return Optional.empty();
        }
        long points = totals.get(member);
        Set<Long> above = new HashSet<>();
        totals.forEach((other, total) -> {
            if (total > points) {
                above.add(other);
            }
        });
        return Optional.of(new Rankings.Place(member, above.size() + 1, totals.size(), points));
    }
}
