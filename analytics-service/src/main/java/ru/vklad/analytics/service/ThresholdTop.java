package ru.vklad.analytics.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top of a leaderboard whose points are a sum over several lists (the months, weeks and days a period is cut
 * into), each readable in points order, without reading every member: Fagin's threshold algorithm. Rows are read
 * from the top of every list a round at a time (the depth doubling each round), each member seen gets their exact
 * total over all lists; the search stops once the last place of the top holds more points than any member not yet
 * seen could have, which is at most the sum of what each list's last row read holds (a member missing from a list
 * has 0 there, so a bound is never below 0; a list read to its end bounds nobody unseen). Points may be negative
 * (reversals); ties are ordered by VK id, so a tie with the bound reads on. No I/O: the caller reads the rows each
 * {@link #nextReads()} asks for and hands them to {@link #accept}.
 */
public final class ThresholdTop {

    /** Read {@code count} rows of list {@code list} in points order after skipping {@code offset}. */
    public record Read(int list, int offset, int count) {
    }

    /** One row read from a list, with its member's exact total over all lists. */
    public record Row(int list, long vkUserId, long points, long total) {
    }

    private static final Comparator<Rankings.Score> LEADERBOARD_ORDER = Comparator
            .comparingLong(Rankings.Score::points).reversed().thenComparingLong(Rankings.Score::vkUserId);

    private final int limit;
    private final int[] read;
    private final long[] lastPoints;
    private final boolean[] ended;
    private final Map<Long, Long> totals = new HashMap<>();
    private int depth;

    public ThresholdTop(int lists, int limit) {
        if (lists < 1 || limit < 1) {
            throw new IllegalArgumentException("lists and limit must be positive: " + lists + ", " + limit);
        }
        this.limit = limit;
        this.read = new int[lists];
        this.lastPoints = new long[lists];
        this.ended = new boolean[lists];
        this.depth = limit;
    }

    /** The reads of the next round; empty when the top is known. */
    public List<Read> nextReads() {
        if (done()) {
            return List.of();
        }
        // A list already read down to 0 points cannot lower the bound any more: it is read on only when no list can.
        boolean anyPositive = false;
        for (int list = 0; list < read.length; list++) {
            anyPositive |= !ended[list] && bound(list) > 0;
        }
        List<Read> reads = new ArrayList<>();
        for (int list = 0; list < read.length; list++) {
            if (!ended[list] && (!anyPositive || bound(list) > 0)) {
                reads.add(new Read(list, read[list], depth));
            }
        }
        depth = (int) Math.min(Integer.MAX_VALUE / 2, 2L * depth);
        return reads;
    }

    /** The rows the reads of one round gave, each list's in points order. */
    public void accept(List<Read> reads, List<Row> rows) {
        int[] got = new int[read.length];
        for (Row row : rows) {
            got[row.list()]++;
            lastPoints[row.list()] = row.points();
            totals.put(row.vkUserId(), row.total());
        }
        for (Read asked : reads) {
            read[asked.list()] += got[asked.list()];
            ended[asked.list()] |= got[asked.list()] < asked.count();
        }
    }

    /** The top members seen, by points descending then VK id, at most {@code limit}. */
    public List<Rankings.Score> top() {
        return totals.entrySet().stream().map(e -> new Rankings.Score(e.getKey(), e.getValue()))
                .sorted(LEADERBOARD_ORDER).limit(limit).toList();
    }

    private boolean done() {
        if (allEnded()) {
            return true;
        }
        List<Rankings.Score> top = top();
        if (top.size() < limit) {
            return false;
        }
        long unseenAtMost = 0;
        for (int list = 0; list < read.length; list++) {
            if (!ended[list] && read[list] == 0) {
                return false;
            }
            unseenAtMost += bound(list);
        }
        return top.get(limit - 1).points() > unseenAtMost;
    }

    private boolean allEnded() {
        for (boolean e : ended) {
            if (!e) {
                return false;
            }
        }
        return true;
    }

    /** The most an unseen member can hold in the list. */
    private long bound(int list) {
        if (ended[list]) {
            return 0;
        }
        return read[list] == 0 ? Long.MAX_VALUE : Math.max(0, lastPoints[list]);
    }

    @Override
    public String toString() {
        return "ThresholdTop[read=" + Arrays.toString(read) + ", seen=" + totals.size() + "]";
    }
}
