package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ThresholdTopTest {

    /** Lists of (member, points) as the rollups hold them: a member at most once per list. */
    private record Lists(List<List<Rankings.Score>> lists) {

        int rows() {
            return lists.stream().mapToInt(List::size).sum();
        }

        Map<Long, Long> totals() {
            Map<Long, Long> totals = new HashMap<>();
            lists.forEach(list -> list.forEach(score -> totals.merge(score.vkUserId(), score.points(), Long::sum)));
            return totals;
        }

        List<Rankings.Score> expectedTop(int limit) {
            return totals().entrySet().stream().map(e -> new Rankings.Score(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(Rankings.Score::points).reversed()
                            .thenComparingLong(Rankings.Score::vkUserId))
                    .limit(limit).toList();
        }

        /** Runs the search as the read model does; answers the top and the rows it read. */
        Result search(int limit) {
            List<List<Rankings.Score>> sorted = lists.stream().map(list -> list.stream()
                    .sorted(Comparator.comparingLong(Rankings.Score::points).reversed()
                            .thenComparingLong(Rankings.Score::vkUserId)).toList()).toList();
            Map<Long, Long> totals = totals();
            ThresholdTop top = new ThresholdTop(lists.size(), limit);
            int rowsRead = 0;
            for (List<ThresholdTop.Read> reads = top.nextReads(); !reads.isEmpty(); reads = top.nextReads()) {
                List<ThresholdTop.Row> rows = new ArrayList<>();
                for (ThresholdTop.Read read : reads) {
                    List<Rankings.Score> list = sorted.get(read.list());
                    for (int i = read.offset(); i < Math.min(list.size(), read.offset() + read.count()); i++) {
                        Rankings.Score score = list.get(i);
                        rows.add(new ThresholdTop.Row(read.list(), score.vkUserId(), score.points(),
                                totals.get(score.vkUserId())));
                    }
                }
                rowsRead += rows.size();
                top.accept(reads, rows);
            }
            return new Result(top.top(), rowsRead);
        }
    }

    private record Result(List<Rankings.Score> top, int rowsRead) {
    }

    private static Lists random(SplittableRandom random, int lists, int members, int negativeOneIn, boolean skewed) {
        List<List<Rankings.Score>> all = new ArrayList<>();
        for (int l = 0; l < lists; l++) {
            List<Rankings.Score> list = new ArrayList<>();
            for (long member = 1; member <= members; member++) {
                // Skewed as communities are: activity falls with the square root of a member's rank.
                double activity = skewed ? 1000 / Math.sqrt(members - member + 1) : 10;
                if (random.nextDouble() * 100 > activity + 5) {
                    continue; // no row: nothing posted to this member in this piece of the period
                }
                // Skewed: each member's points in a piece scatter around their usual level; uniform: pure noise.
                long points = skewed ? Math.round(activity * (0.5 + random.nextDouble()))
                        : (long) (random.nextDouble() * (activity + 1) * 3);
                if (negativeOneIn > 0 && random.nextInt(negativeOneIn) == 0) {
                    points = -random.nextInt(20);
                }
                list.add(new Rankings.Score(member, points));
            }
            all.add(list);
        }
        return new Lists(all);
    }

    @Test
    void findsTheSameTopAsSummingEveryone() {
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < 300; run++) {
            int limit = 1 + random.nextInt(30);
            Lists lists = random(random, 1 + random.nextInt(8), 1 + random.nextInt(400), random.nextInt(4) * 3,
                    random.nextBoolean());

            assertThat(lists.search(limit).top()).as("run %d", run).isEqualTo(lists.expectedTop(limit));
        }
    }

    @Test
    void tiesAtTheLastPlaceAreDecidedByVkIdAsInTheFullOrder() {
        // Everyone holds 5 in each of two lists: the top 3 are the three lowest VK ids, however the lists are read.
        List<Rankings.Score> first = new ArrayList<>();
        List<Rankings.Score> second = new ArrayList<>();
        for (long member = 50; member >= 1; member--) {
            first.add(new Rankings.Score(member, 5));
            second.add(new Rankings.Score(member, 5));
        }
        Lists lists = new Lists(List.of(first, second));

        assertThat(lists.search(3).top()).containsExactly(new Rankings.Score(1, 10), new Rankings.Score(2, 10),
                new Rankings.Score(3, 10));
    }

    @Test
    void fewerMembersThanTheLimitWithNegativeTotalsAreAllListed() {
        Lists lists = new Lists(List.of(List.of(new Rankings.Score(1, 3), new Rankings.Score(2, -4)),
                List.of(new Rankings.Score(2, 1)), List.of()));

        assertThat(lists.search(10).top()).containsExactly(new Rankings.Score(1, 3), new Rankings.Score(2, -3));
    }

    @Test
    void aSkewedCommunityIsAnsweredFromAFractionOfItsRows() {
        Lists lists = random(new SplittableRandom(3), 9, 20_000, 50, true);

        Result result = lists.search(100);

        assertThat(result.top()).isEqualTo(lists.expectedTop(100));
        assertThat(result.rowsRead()).as("rows read of %d", lists.rows()).isLessThan(lists.rows() / 10);
    }

    @Test
    void refusesNoListsOrNoLimit() {
        assertThatThrownBy(() -> new ThresholdTop(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThresholdTop(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
