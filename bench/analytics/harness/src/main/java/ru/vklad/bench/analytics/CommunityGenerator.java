package ru.vklad.bench.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.VkObject;

/**
 * A deterministic (seeded) life of a large community for the analytics benchmark.
 * <ul>
 * <li>Members: VK ids {@code 300000001…}, in {@value #DEPARTMENTS} departments by id, all consenting employees.</li>
 * <li>Activities over the {@code days} days before {@code today} (Europe/Moscow), each on a uniformly drawn day at
 * a uniformly drawn second. Who acts is skewed as in real communities: member index = members × u², so the first
 * tenth of the members do about a third of everything. Mix: 69% likes of one of {@value #POSTS} posts, 5% likes
 * taken back, 15% comments (Russian text from a phrase and a topic word, substantive when it has 20 letters, as
 * the activity service would say), 1% comments deleted, 5% reposts, 4%
 * votes in one of {@value #POLLS} polls, 1% posts.</li>
 * <li>Ledger events: {@code ENTRY_POSTED} awards to the same skewed members on the same days, rules like (1),
 * substantive_comment (3), repost (2), poll_vote (1), and every 50th a manual award (approved_idea, 200).</li>
 * </ul>
 */
final class CommunityGenerator {

    static final long FIRST_MEMBER = 300_000_001L;
    static final int DEPARTMENTS = 20;
    static final int POSTS = 2_000;
    static final int POLLS = 50;
    static final long GROUP = 229000001L;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String[] PHRASES = {
            "Спасибо за", "Отличная новость про", "Когда будет", "Опять проблемы с", "Очень понравилось про",
            "Не работает", "Интересно, что с", "Поддерживаю идею про", "Жаль, что отменили", "Где узнать про",
            "Классно придумали", "Непонятно, зачем менять", "Ура, наконец", "Скучно было на", "Подскажите про"};
    private static final String[] TOPICS = {
            "парковку", "столовую", "корпоратив", "отпуск", "спартакиаду", "обучение", "VPN", "переезд", "премию",
            "удаленку", "кофемашину", "офис", "конкурс", "субботник", "опрос", "зарплату", "CRM", "турнир"};

    private final int members;
    private final LocalDate firstDay;
    private final int days;

    CommunityGenerator(int members, LocalDate today, int days) {
        this.members = members;
        this.firstDay = today.minusDays(days);
        this.days = days;
    }

    static String department(long member) {
        return "Отдел " + (1 + (member - FIRST_MEMBER) % DEPARTMENTS);
    }

    LocalDate firstDay() {
        return firstDay;
    }

    void members(Consumer<MemberChanged> out) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < members; i++) {
            long member = FIRST_MEMBER + i;
            out.accept(new MemberChanged(member, "B-" + member, "Сотрудник " + member, department(member), "employees",
                    "Europe/Moscow", true, "v1", at));
        }
    }

    void activities(long count, Consumer<Activity> out) {
        SplittableRandom random = new SplittableRandom(42);
        for (long i = 0; i < count; i++) {
            long member = member(random);
            Instant at = moment(random);
            int kind = random.nextInt(100);
            long post = 1 + random.nextInt(POSTS);
            VkObject wallPost = new VkObject("post", -GROUP, post, null);
            VkObject comment = new VkObject("comment", -GROUP, i, post);
            String id = GROUP + ":bench-" + i;
            Activity activity;
            if (kind < 69) {
                activity = activity(id, ActivityType.LIKE_ADDED, member, wallPost, null, null, at);
            } else if (kind < 74) {
                activity = activity(id, ActivityType.LIKE_REMOVED, member, wallPost, null, null, at);
            } else if (kind < 89) {
                String text = PHRASES[random.nextInt(PHRASES.length)] + " " + TOPICS[random.nextInt(TOPICS.length)];
                // As the activity service judges it with the default test: 20 letters (these texts have no
                // links, mentions or tags).
                boolean substantive = text.codePoints().filter(Character::isLetter).count() >= 20;
                activity = activity(id, ActivityType.COMMENT_ADDED, member, comment, text, null, at)
                        .withSubstantive(substantive);
            } else if (kind < 90) {
                activity = activity(id, ActivityType.COMMENT_DELETED, member,
                        new VkObject("comment", -GROUP, Math.max(0, i - 1 - random.nextInt(1000)), post), null, null, at);
            } else if (kind < 95) {
                activity = activity(id, ActivityType.REPOST, member, wallPost, null, null, at);
            } else if (kind < 99) {
                activity = activity(id, ActivityType.POLL_VOTE, member,
                        new VkObject("poll", -GROUP, 880_000 + random.nextInt(POLLS), null), null,
                        String.valueOf(1 + random.nextInt(4)), at);
            } else {
                activity = activity(id, ActivityType.POST_PUBLISHED, member,
                        new VkObject("post", -GROUP, 100_000 + i, null), "Пост про " + TOPICS[random.nextInt(TOPICS.length)],
                        null, at);
            }
            out.accept(activity);
        }
    }

    void ledgerEvents(long count, Consumer<LedgerEvent> out) {
        SplittableRandom random = new SplittableRandom(7);
        String[] rules = {"like", "like", "like", "substantive_comment", "repost", "poll_vote"};
        long[] points = {1, 1, 1, 3, 2, 1};
        for (long i = 0; i < count; i++) {
            long member = member(random);
            Instant at = moment(random);
            int rule = random.nextInt(rules.length);
            boolean manual = i % 50 == 49;
            out.accept(new LedgerEvent("bench-e-" + i, LedgerEvent.Type.ENTRY_POSTED, "bench-c-" + i, "bench:" + i, i,
                    member, manual ? 200 : points[rule], null, manual ? "Идея одобрена" : "bench", at,
                    manual ? "approved_idea" : rules[rule], "award", 0, null));
        }
    }

    private long member(SplittableRandom random) {
        double u = random.nextDouble();
        return FIRST_MEMBER + (long) (members * u * u);
    }

    private Instant moment(SplittableRandom random) {
        return firstDay.plusDays(random.nextInt(days)).atStartOfDay(MOSCOW).toInstant()
                .plusSeconds(random.nextInt(86_400));
    }

    private static Activity activity(String id, ActivityType type, long member, VkObject object, String text,
                                     String payload, Instant at) {
        return new Activity(id, GROUP, type, member, object, member, text, false, payload, 0, at, "employees");
    }
}
