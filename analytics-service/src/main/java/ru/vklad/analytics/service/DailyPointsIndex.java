package ru.vklad.analytics.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every member's points per day since a first day, in memory, so the totals of any range (overall or within one
 * department) are summed from arrays instead of from hundreds of thousands of rows: a leaderboard of a range that
 * is not one whole week or month, and a member's place in any range, need every member's total. No I/O.
 *
 * <p>Immutable: a change gives a new index that shares the days it does not touch, so a query reads one consistent
 * state while the next one is built. Members and departments are numbered once, in a registry every later index
 * shares; only whoever makes the changes registers, one at a time.
 */
public final class DailyPointsIndex {

    /** A member's points on a day, with the department they were posted under (null: none known). */
    public record Entry(long vkUserId, LocalDate day, long points, String department) {
    }

    /** One member's day. */
    public record MemberDay(long vkUserId, LocalDate day) {
    }

    private static final short NO_DEPARTMENT = -1;

    /** A day's entries, ascending by member number, each member once. */
    private record Day(int[] members, long[] points, short[] departments) {
    }

    private final LocalDate since;
    private final Registry registry;
    private final int memberCount;
    private final int[] epochDays;
    private final Day[] days;

    private DailyPointsIndex(LocalDate since, Registry registry, int[] epochDays, Day[] days) {
        this.since = since;
        this.registry = registry;
        this.memberCount = registry.memberCount();
        this.epochDays = epochDays;
        this.days = days;
    }

    /** An empty index of the days from {@code since} on. */
    public static DailyPointsIndex since(LocalDate since) {
        return new DailyPointsIndex(since, new Registry(), new int[0], new Day[0]);
    }

    public LocalDate since() {
        return since;
    }

    /** Whether every day of the period is held. */
    public boolean covers(Period period) {
        return !period.from().isBefore(since);
    }

    /** How many member days are held. */
    public long size() {
        long size = 0;
        for (Day day : days) {
            size += day.members.length;
        }
        return size;
    }

    /**
     * The index with each named member day set to what {@code found} says: a named member day not among
     * {@code found} no longer exists. Entries of days before {@link #since()} are left out.
     */
    public DailyPointsIndex with(Collection<MemberDay> asked, Collection<Entry> found) {
        Map<Integer, TreeMap<Integer, Entry>> changes = new HashMap<>();
        for (MemberDay memberDay : asked) {
            Integer member = registry.memberOrNull(memberDay.vkUserId());
            if (member != null && !memberDay.day().isBefore(since)) {
                changes.computeIfAbsent((int) memberDay.day().toEpochDay(), day -> new TreeMap<>()).put(member, null);
            }
        }
        for (Entry entry : found) {
            if (!entry.day().isBefore(since)) {
                changes.computeIfAbsent((int) entry.day().toEpochDay(), day -> new TreeMap<>())
                        .put(registry.member(entry.vkUserId()), entry);
            }
        }
        if (changes.isEmpty()) {
            return this;
        }
        TreeMap<Integer, Day> merged = new TreeMap<>();
        for (int i = 0; i < days.length; i++) {
            merged.put(epochDays[i], days[i]);
        }
        changes.forEach((epochDay, dayChanges) -> {
            Day day = merge(merged.get(epochDay), dayChanges);
            if (day.members.length == 0) {
                merged.remove(epochDay);
            } else {
                merged.put(epochDay, day);
            }
        });
        return new DailyPointsIndex(since, registry, merged.keySet().stream().mapToInt(Integer::intValue).toArray(),
                merged.values().toArray(Day[]::new));
    }

    /** The index without the days before {@code newSince}, when that is later than {@link #since()}. */
    public DailyPointsIndex withoutDaysBefore(LocalDate newSince) {
        if (!newSince.isAfter(since)) {
            return this;
        }
        int first = firstDayAtOrAfter((int) newSince.toEpochDay());
        return new DailyPointsIndex(newSince, registry, Arrays.copyOfRange(epochDays, first, epochDays.length),
                Arrays.copyOfRange(days, first, days.length));
    }

    /** A day's entries with its changes (member number to its entry, null: gone) merged in. */
    private Day merge(Day day, TreeMap<Integer, Entry> changes) {
        int[] oldMembers = day == null ? new int[0] : day.members;
        int size = oldMembers.length + changes.size();
        int[] members = new int[size];
        long[] points = new long[size];
        short[] departments = new short[size];
        int n = 0;
        int i = 0;
        for (Map.Entry<Integer, Entry> change : changes.entrySet()) {
            int member = change.getKey();
            while (i < oldMembers.length && oldMembers[i] < member) {
                members[n] = oldMembers[i];
                points[n] = day.points[i];
                departments[n++] = day.departments[i++];
            }
            if (i < oldMembers.length && oldMembers[i] == member) {
                i++;
            }
            if (change.getValue() != null) {
                members[n] = member;
                points[n] = change.getValue().points();
                departments[n++] = registry.department(change.getValue().department());
            }
        }
        while (i < oldMembers.length) {
            members[n] = oldMembers[i];
            points[n] = day.points[i];
            departments[n++] = day.departments[i++];
        }
        return new Day(Arrays.copyOf(members, n), Arrays.copyOf(points, n), Arrays.copyOf(departments, n));
    }

    /**
     * The top of the period by points (then VK id ascending), overall or within a department (as when the points
     * were posted); erased members (negative ids) are not ranked.
     */
    public List<Rankings.Score> top(Period period, String department, int limit) {
        Totals totals = totals(period, department);
        Comparator<Rankings.Score> worstFirst = Comparator.comparingLong(Rankings.Score::points)
                .thenComparing(Comparator.comparingLong(Rankings.Score::vkUserId).reversed());
        PriorityQueue<Rankings.Score> top = new PriorityQueue<>(worstFirst);
        for (int member = totals.seen.nextSetBit(0); member >= 0; member = totals.seen.nextSetBit(member + 1)) {
            long vkUserId = registry.vkUserId(member);
            if (vkUserId <= 0) {
                continue;
            }
            long points = totals.points[member];
            if (top.size() < limit) {
                top.add(new Rankings.Score(vkUserId, points));
            } else {
                Rankings.Score worst = top.peek();
                if (points > worst.points() || points == worst.points() && vkUserId < worst.vkUserId()) {
                    top.poll();
                    top.add(new Rankings.Score(vkUserId, points));
                }
            }
        }
        List<Rankings.Score> ordered = new ArrayList<>(top);
        ordered.sort(worstFirst.reversed());
        return ordered;
    }

    /**
     * A member's place in the period (1 = most points; equal points share a place), the number of members ranked
     * and the member's points; empty when the member has no points in it.
     */
    public Optional<Rankings.Place> place(long vkUserId, Period period, String department) {
        Integer mine = registry.memberOrNull(vkUserId);
        if (mine == null || mine >= memberCount) {
            return Optional.empty();
        }
        Totals totals = totals(period, department);
        if (!totals.seen.get(mine)) {
            return Optional.empty();
        }
        long points = totals.points[mine];
        int above = 0;
        int ranked = 0;
        for (int member = totals.seen.nextSetBit(0); member >= 0; member = totals.seen.nextSetBit(member + 1)) {
            if (registry.vkUserId(member) > 0) {
                ranked++;
                if (totals.points[member] > points) {
                    above++;
                }
            }
        }
        return Optional.of(new Rankings.Place(vkUserId, above + 1, ranked, points));
    }

    /** Each member's points in the period, and which members have any entry in it. */
    private record Totals(long[] points, BitSet seen) {
    }

    private Totals totals(Period period, String department) {
        if (!covers(period)) {
            throw new IllegalArgumentException("the period " + period + " begins before " + since);
        }
        long[] points = new long[memberCount];
        BitSet seen = new BitSet(memberCount);
        short wanted = department == null ? NO_DEPARTMENT : registry.departmentOrNone(department);
        if (department != null && wanted == NO_DEPARTMENT) {
            return new Totals(points, seen);
        }
        int last = (int) period.to().toEpochDay();
        for (int i = firstDayAtOrAfter((int) period.from().toEpochDay()); i < days.length && epochDays[i] <= last; i++) {
            Day day = days[i];
            int[] members = day.members;
            long[] dayPoints = day.points;
            short[] departments = day.departments;
            for (int j = 0; j < members.length; j++) {
                if (department == null || departments[j] == wanted) {
                    points[members[j]] += dayPoints[j];
                    seen.set(members[j]);
                }
            }
        }
        return new Totals(points, seen);
    }

    private int firstDayAtOrAfter(int epochDay) {
        int found = Arrays.binarySearch(epochDays, epochDay);
        return found >= 0 ? found : -found - 1;
    }

    /**
     * Members and departments by number, append-only and shared by an index and every index made from it; an index
     * reads only the numbers given out before it was made.
     */
    private static final class Registry {

        private final Map<Long, Integer> members = new ConcurrentHashMap<>();
        private final Map<String, Short> departments = new ConcurrentHashMap<>();
        private volatile long[] vkUserIds = new long[1024];
        private volatile int memberCount;

        int memberCount() {
            return memberCount;
        }

        Integer memberOrNull(long vkUserId) {
            return members.get(vkUserId);
        }

        long vkUserId(int member) {
            return vkUserIds[member];
        }

        int member(long vkUserId) {
            Integer known = members.get(vkUserId);
            if (known != null) {
                return known;
            }
            int member = memberCount;
            long[] ids = vkUserIds;
            if (member == ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[member] = vkUserId;
            vkUserIds = ids;
            members.put(vkUserId, member);
            memberCount = member + 1;
            return member;
        }

        short departmentOrNone(String department) {
            return departments.getOrDefault(department, NO_DEPARTMENT);
        }

        short department(String department) {
            if (department == null) {
                return NO_DEPARTMENT;
            }
            return departments.computeIfAbsent(department, name -> {
                if (departments.size() >= Short.MAX_VALUE) {
                    throw new IllegalStateException("more than " + Short.MAX_VALUE + " departments");
                }
                return (short) departments.size();
            });
        }
    }
}
