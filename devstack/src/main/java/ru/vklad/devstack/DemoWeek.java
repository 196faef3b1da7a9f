package ru.vklad.devstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A generated week in the life of the demo community, as the VK Callback API would deliver it: a few hundred
 * employees in several departments, the community's posts, likes (some taken back), substantive and empty comments
 * (some deleted), reposts, votes in the eNPS poll, an #идея post, a like-farming member, VK users who are not in the
 * directory, and VK's retries of the same event. Seeded: the same seed and end give the same week. No I/O.
 * <p>
 * VK dates posts, comments and reposts; likes and votes carry no date and count when they arrive. Every member stays
 * below the activity service's anti-abuse thresholds except the like farmer, whose likes after a run of likes taken
 * back are held for HR.
 */
final class DemoWeek {

    /** A person of the demo community; those who do not consent are in VK but not tracked. */
    record Member(long vkUserId, String employeeId, String fullName, String department, boolean consents,
                  boolean allowsMessages) {
    }

    /** One delivery to {@code /vk/callback}; a retry repeats an earlier body, event id and all. */
    record Callback(String type, String eventId, String body, boolean retry) {
    }

    static final long FIRST_MEMBER = 51_300_001L;
    static final long ENPS_POLL = 880012;
    /** The poll's answer ids, score 0 to 10 (the sample poll post). */
    static final long ENPS_FIRST_OPTION = 3100;
    static final List<String> DEPARTMENTS = List.of("Продажи", "ИТ", "Маркетинг", "Финансы", "Логистика", "HR");
    /** Department sizes as shares of the members; HR is small, so its eNPS shows the anonymity threshold. */
    private static final double[] DEPARTMENT_SHARES = {0.30, 0.25, 0.15, 0.12, 0.16, 0.02};
    /** A department's mood: its members' mean eNPS answer. */
    private static final double[] DEPARTMENT_MOOD = {8.2, 8.8, 7.6, 7.0, 6.1, 8.0};

    private static final String[] MEN = {"Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Максим", "Иван",
            "Михаил", "Николай", "Павел", "Артём", "Роман", "Кирилл", "Егор", "Владимир"};
    private static final String[] WOMEN = {"Мария", "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина",
            "Екатерина", "Светлана", "Юлия", "Марина", "Анастасия", "Виктория", "Дарья", "Полина"};
    /** Surnames in their masculine form; each takes "а" for a woman. */
    private static final String[] SURNAMES = {"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
            "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов",
            "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин"};
    private static final String[] POSTS = {
            "Итоги квартала: спасибо каждому, кто внёс вклад в рекорд продаж!",
            "Открыта запись на курс по Excel для всех отделов.",
            "В пятницу — турнир по настольному теннису, приходите болеть.",
            "Новая кофемашина на третьем этаже уже работает.",
            "Поздравляем логистику с запуском нового склада в Подольске!",
            "Напоминаем: до конца месяца можно сдать отчёты по командировкам.",
            "Субботник в парке в эту субботу, инвентарь выдадим.",
            "Команда ИТ перевела CRM на новую версию — делитесь впечатлениями.",
            "Открыт конкурс фотографий «Мой рабочий день».",
            "Расписание корпоративного автобуса меняется с понедельника.",
            "Запускаем программу наставничества для новичков."};
    private static final String[] SUBSTANTIVE = {
            "Отличная новость, спасибо команде за проделанную работу!",
            "Предлагаю сделать такие встречи регулярными, очень полезно.",
            "Записался на курс, надеюсь будет разбор сводных таблиц.",
            "Спасибо организаторам, всё прошло на высшем уровне.",
            "А можно добавить вечернюю группу для тех, кто на смене?",
            "Новая версия CRM заметно быстрее, особенно поиск клиентов.",
            "Жаль, что не смогу прийти, поддерживаю коллег из отдела!",
            "Наставничество очень помогло мне в первые месяцы работы.",
            "Кофемашина супер, но к обеду заканчиваются зёрна.",
            "Подскажите, где посмотреть новое расписание автобуса?",
            "Мне кажется, стоит заранее предупреждать о переездах.",
            "Поздравляю всех причастных, это большой шаг для компании."};
    private static final String[] EMPTY = {"+", "👍", "Согласен!", "Класс", "🔥🔥🔥", "Ок", "+1", "Ура!"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long communityId;
    private final String secret;
    private final Instant end;
    private final SplittableRandom random;
    private final List<Member> members = new ArrayList<>();
    private final List<Timed> events = new ArrayList<>();
    private final Member likeFarmer;
    private int sequence;

    /** An event and the moment it happens, by which the week is sent in order. */
    private record Timed(Instant at, String type, String eventId, String body) {
    }

    /**
     * @param people    members of the directory (and of VK); a few more VK users like posts without being members
     * @param end       the moment the week ends (now, for the demo)
     */
    DemoWeek(long seed, int people, long communityId, String secret, Instant end) {
        if (people < 20) {
            throw new IllegalArgumentException("a demo week needs at least 20 people, not " + people);
        }
        this.communityId = communityId;
        this.secret = secret;
        this.end = end;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < people; i++) {
            boolean woman = random.nextBoolean();
            String surname = SURNAMES[random.nextInt(SURNAMES.length)];
            String name = woman ? WOMEN[random.nextInt(WOMEN.length)] + " " + surname + "а"
                    : MEN[random.nextInt(MEN.length)] + " " + surname;
            members.add(new Member(FIRST_MEMBER + i, "E-" + (2001 + i), name, department(i, people), i % 17 != 5,
                    i % 7 != 3));
        }
        likeFarmer = members.get(people / 3);
        generate();
    }

    List<Member> members() {
        return members;
    }

    Member likeFarmer() {
        return likeFarmer;
    }

    /** The week in the order VK delivers it, retries included. */
    List<Callback> callbacks() {
        List<Timed> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(Timed::at));
        List<Callback> out = new ArrayList<>();
        SplittableRandom retries = new SplittableRandom(random.split().nextLong());
        List<Callback> pending = new ArrayList<>();
        for (Timed event : ordered) {
            out.add(new Callback(event.type(), event.eventId(), event.body(), false));
            // VK retries about one delivery in twenty-five, up to three more times, a little later.
            if (retries.nextInt(25) == 0) {
                for (int i = 1 + retries.nextInt(3); i > 0; i--) {
                    pending.add(new Callback(event.type(), event.eventId(), event.body(), true));
                }
            }
            if (!pending.isEmpty() && retries.nextInt(4) == 0) {
                out.add(pending.remove(0));
            }
        }
        out.addAll(pending);
        return out;
    }

    private void generate() {
        Instant start = end.minus(Duration.ofDays(7));
        List<long[]> posts = new ArrayList<>(); // post id, published at (epoch second)
        for (int day = 0; day < 7; day++) {
            for (int n = 0; n < 3; n++) {
                Instant at = workingMoment(start.plus(Duration.ofDays(day)));
                long id = 3001 + posts.size();
                posts.add(new long[] {id, at.getEpochSecond()});
                event(at, "wall_post_new", post(id, -communityId, at, POSTS[posts.size() % POSTS.length], "post"));
            }
        }
        Member author = members.get(7);
        Instant ideaAt = workingMoment(start.plus(Duration.ofDays(2)));
        event(ideaAt, "wall_post_new", post(3100, author.vkUserId(), ideaAt,
                "#идея Сделать общий календарь переговорных в VK, чтобы бронировать их с телефона.", "suggest"));

        long commentId = 6001;
        List<long[]> comments = new ArrayList<>(); // comment id, post id, author, at
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (member == likeFarmer) {
                continue;
            }
            // Activity falls with the square root of a member's rank: a few very active, a long quiet tail.
            double activity = 1 / Math.sqrt(1 + random.nextInt(members.size()));
            int likes = (int) Math.round(12 * activity + random.nextInt(3));
            List<long[]> liked = new ArrayList<>();
            for (int l = 0; l < likes; l++) {
                long[] post = posts.get(random.nextInt(posts.size()));
                if (liked.contains(post)) {
                    continue;
                }
                liked.add(post);
                Instant at = after(post[1]);
                event(at, "like_add", like("like_add", member.vkUserId(), post[0]));
                if (random.nextInt(30) == 0) {
                    event(after(at.getEpochSecond()), "like_remove", like("like_remove", member.vkUserId(), post[0]));
                }
            }
            int written = (int) Math.round(5 * activity + (random.nextInt(4) == 0 ? 1 : 0));
            for (int c = 0; c < written; c++) {
                long[] post = posts.get(random.nextInt(posts.size()));
                Instant at = after(post[1]);
                String text = random.nextInt(10) < 7 ? SUBSTANTIVE[random.nextInt(SUBSTANTIVE.length)]
                        : EMPTY[random.nextInt(EMPTY.length)];
                long id = commentId++;
                comments.add(new long[] {id, post[0], member.vkUserId(), at.getEpochSecond()});
                event(at, "wall_reply_new", comment(id, member.vkUserId(), post[0], at, text));
            }
            if (random.nextInt(7) == 0) {
                long[] post = posts.get(random.nextInt(posts.size()));
                Instant at = after(post[1]);
                event(at, "wall_repost", repost(member.vkUserId(), post, at));
            }
            if (random.nextInt(10) < 7) {
                double mood = DEPARTMENT_MOOD[DEPARTMENTS.indexOf(member.department())];
                int score = (int) Math.max(0, Math.min(10, Math.round(mood + random.nextDouble() * 4 - 2)));
                event(after(end.getEpochSecond() - 3 * 86_400), "poll_vote_new", vote(member.vkUserId(), score));
            }
        }
        // Second thoughts: a few comments deleted by their authors.
        for (int d = 0; d < Math.min(4, comments.size()); d++) {
            long[] comment = comments.get(random.nextInt(comments.size()));
            event(after(comment[3]), "wall_reply_delete", deletion(comment));
        }
        // VK users who are not in the directory: their activity is dropped, nothing of them is kept.
        for (int s = 0; s < 10; s++) {
            long[] post = posts.get(random.nextInt(posts.size()));
            event(after(post[1]), "like_add", like("like_add", 61_900_001L + s, post[0]));
        }
        // The like farmer, at the week's end: likes and takes back six posts within minutes, then likes a dozen
        // more; the awards for those come after the cycling and are held for HR.
        Instant farming = end.minus(Duration.ofMinutes(20));
        for (int p = 0; p < posts.size(); p++) {
            long post = posts.get(posts.size() - 1 - p)[0];
            farming = farming.plusSeconds(2);
            event(farming, "like_add", like("like_add", likeFarmer.vkUserId(), post));
            if (p < 6) {
                farming = farming.plusSeconds(2);
                event(farming, "like_remove", like("like_remove", likeFarmer.vkUserId(), post));
            }
        }
        for (Member member : members) {
            if (member.allowsMessages()) {
                event(start.plusSeconds(random.nextInt(3600)), "message_allow", allow(member.vkUserId()));
            }
        }
    }

    private Instant workingMoment(Instant day) {
        Instant at = day.plusSeconds(random.nextInt(10 * 3600));
        return at.isAfter(end) ? end.minusSeconds(random.nextInt(3600)) : at;
    }

    /** A moment after {@code epochSecond}, within a day, but not after the week's end. */
    private Instant after(long epochSecond) {
        long at = epochSecond + 60 + random.nextInt(86_400);
        return Instant.ofEpochSecond(Math.min(at, end.getEpochSecond() - random.nextInt(600)));
    }

    private void event(Instant at, String type, ObjectNode object) {
        String eventId = eventId(++sequence);
        ObjectNode callback = JSON.createObjectNode();
        callback.put("type", type);
        callback.put("event_id", eventId);
        callback.put("v", "5.199");
        callback.put("group_id", communityId);
        callback.put("secret", secret);
        callback.set("object", object);
        events.add(new Timed(at, type, eventId, callback.toString()));
    }

    private ObjectNode post(long id, long fromId, Instant at, String text, String postType) {
        ObjectNode post = JSON.createObjectNode();
        post.put("id", id);
        post.put("owner_id", -communityId);
        post.put("from_id", fromId);
        post.put("date", at.getEpochSecond());
        post.put("post_type", postType);
        post.put("text", text);
        post.putArray("attachments");
        return post;
    }

    private ObjectNode like(String type, long liker, long postId) {
        ObjectNode like = JSON.createObjectNode();
        like.put("liker_id", liker);
        like.put("object_type", "post");
        like.put("object_owner_id", -communityId);
        like.put("object_id", postId);
        like.put("thread_reply_id", 0);
        like.put("post_id", 0);
        return like;
    }

    private ObjectNode comment(long id, long from, long postId, Instant at, String text) {
        ObjectNode comment = JSON.createObjectNode();
        comment.put("id", id);
        comment.put("from_id", from);
        comment.put("date", at.getEpochSecond());
        comment.put("text", text);
        comment.put("post_id", postId);
        comment.put("owner_id", -communityId);
        comment.putArray("parents_stack");
        comment.putObject("thread").put("count", 0);
        comment.putArray("attachments");
        return comment;
    }

    private ObjectNode deletion(long[] comment) {
        ObjectNode deletion = JSON.createObjectNode();
        deletion.put("owner_id", -communityId);
        deletion.put("id", comment[0]);
        deletion.put("deleter_id", comment[2]);
        deletion.put("post_id", comment[1]);
        return deletion;
    }

    private ObjectNode repost(long member, long[] post, Instant at) {
        ObjectNode repost = JSON.createObjectNode();
        repost.put("id", 100 + random.nextInt(900));
        repost.put("owner_id", member);
        repost.put("from_id", member);
        repost.put("date", at.getEpochSecond());
        repost.put("post_type", "post");
        repost.put("text", "");
        ObjectNode original = repost.putArray("copy_history").addObject();
        original.put("id", post[0]);
        original.put("owner_id", -communityId);
        original.put("from_id", -communityId);
        original.put("date", post[1]);
        original.put("post_type", "post");
        return repost;
    }

    private ObjectNode vote(long member, int score) {
        ObjectNode vote = JSON.createObjectNode();
        vote.put("owner_id", -communityId);
        vote.put("poll_id", ENPS_POLL);
        vote.put("option_id", ENPS_FIRST_OPTION + score);
        vote.put("user_id", member);
        return vote;
    }

    private static ObjectNode allow(long member) {
        ObjectNode allow = JSON.createObjectNode();
        allow.put("user_id", member);
        allow.put("key", "spasibo-optin");
        return allow;
    }

    private static String department(int index, int people) {
        double position = (index + 0.5) / people;
        double share = 0;
        for (int d = 0; d < DEPARTMENTS.size(); d++) {
            share += DEPARTMENT_SHARES[d];
            if (position < share) {
                return DEPARTMENTS.get(d);
            }
        }
        return DEPARTMENTS.get(DEPARTMENTS.size() - 1);
    }

    /** VK's event ids are 40 hex digits. */
    private static String eventId(int sequence) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(("vklad-demo-week-" + sequence).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
