package ru.vklad.activity.service;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the caps and the anti-abuse checks know of the members a poll of callbacks may award: read once for the
 * poll (from {@link #since()}, {@link #logsSince()} or {@link #fanSince()} on, as each check needs), then added to
 * as the poll counts its awards, takebacks and quick likes, so that each first award is judged on everything before
 * it, as if each had been read and written on its own. What the poll added is then written in one go. No I/O.
 */
public final class PollHistories {

    /** One member of one community. */
    public record MemberKey(long communityId, long memberVkId) implements Comparable<MemberKey> {
        @Override
        public int compareTo(MemberKey other) {
            int community = Long.compare(communityId, other.communityId);
            return community != 0 ? community : Long.compare(memberVkId, other.memberVkId);
        }
    }

    /** Awards of one rule on one company day, and the latest of them. */
    public record Usage(MemberKey member, String ruleId, LocalDate day, int awards, Instant lastAwardAt) {
    }

    /** A post and when it was published, by whom. */
    public record Post(long communityId, String objectKey, long authorVkId, Instant publishedAt) {
    }

    /** A like given within the fan check's delay of a post's publication. */
    public record QuickLike(MemberKey member, long authorVkId, String objectKey, Instant likedAt) {
    }

    /** A like taken back, once per VK event. */
    public record Takeback(MemberKey member, String eventId, Instant takenBackAt) {
    }

    /** An award counted for the burst check. */
    public record Award(MemberKey member, Instant awardedAt) {
    }

    /**
     * For the fan check: a member's quick likes of one author's posts in its period, and that author's posts then.
     */
    public record QuickLikes(int ofAuthor, int authorPosts) {

        /** Any like the fan check does not look at. */
        public static final QuickLikes NONE = new QuickLikes(0, 0);
    }

    /** What the checks read before one first award; {@link #history} adds the fan check's part. */
    public record Standing(int awardsToday, int awardsThisWeek, Instant lastAward, int awardsInBurst,
                           int takebacksInCycle, Instant firstAwardAt, int awardsSinceFirst) {

        public Optional<String> refusal(EarningLimits limits, Instant at) {
            return limits.refusal(awardsToday, awardsThisWeek, lastAward, at);
        }

        public AbuseChecks.MemberHistory history(QuickLikes fan) {
            return new AbuseChecks.MemberHistory(awardsInBurst, takebacksInCycle, firstAwardAt, awardsSinceFirst,
                    fan.ofAuthor(), fan.authorPosts());
        }
    }

    private final ZoneId zone;
    private final AbuseChecks checks;
    private final Instant since;
    private final Instant fanSince;
    private final Instant logsSince;
    private final Map<MemberKey, Member> members = new HashMap<>();
    private final Map<String, Post> posts = new HashMap<>();
    private final Map<String, List<Post>> postsByAuthor = new HashMap<>();
    private final Map<UsageKey, Usage> addedUsage = new TreeMap<>();
    private final Map<MemberKey, Instant> changedFirstAwards = new TreeMap<>();
    private final List<Award> addedAwards = new ArrayList<>();
    private final List<Takeback> addedTakebacks = new ArrayList<>();
    private final List<QuickLike> addedQuickLikes = new ArrayList<>();

    /**
     * @param earliest        when the earliest of the poll's changes happened
     * @param longestCooldown the longest cooldown of the rules the poll's changes come under
     */
    public PollHistories(ZoneId zone, AbuseChecks checks, Instant earliest, Duration longestCooldown) {
        this.zone = zone;
        this.checks = checks;
        this.since = since(earliest, zone, checks, longestCooldown);
        this.fanSince = earliest.minus(checks.fan().period());
        Duration window = checks.burst().window().compareTo(checks.cycling().window()) >= 0
                ? checks.burst().window() : checks.cycling().window();
        this.logsSince = earliest.minus(window);
    }

    /**
     * How far back the caps and the checks other than the fan check look, for changes that happened from
     * {@code earliest} on: the start of the ISO week (weekly caps), the rules' cooldowns, the new member check's
     * period, the burst and cycling windows; in whole company days, so that a day's usage is read whole.
     */
    public static Instant since(Instant earliest, ZoneId zone, AbuseChecks checks, Duration longestCooldown) {
        LocalDate monday = LocalDate.ofInstant(earliest, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant start = monday.atStartOfDay(zone).toInstant();
        for (Duration back : List.of(longestCooldown, checks.newMember().period(), checks.burst().window(),
                checks.cycling().window())) {
            Instant from = earliest.minus(back);
            if (from.isBefore(start)) {
                start = from;
            }
        }
        return LocalDate.ofInstant(start, zone).atStartOfDay(zone).toInstant();
    }

    /** From when the members' usage and first awards must be {@linkplain #load loaded}. */
    public Instant since() {
        return since;
    }

    /** From when the members' awards and takebacks must be {@linkplain #load loaded}: the burst and cycling windows. */
    public Instant logsSince() {
        return logsSince;
    }

    /** From when the members' quick likes and the liked posts' authors' posts must be {@linkplain #load loaded}. */
    public Instant fanSince() {
        return fanSince;
    }

    public Duration cyclingWindow() {
        return checks.cycling().window();
    }

    public Duration fanPeriod() {
        return checks.fan().period();
    }

    /** The first day whose usage the poll reads. */
    public LocalDate firstDay() {
        return LocalDate.ofInstant(since, zone);
    }

    /** What was read for the poll: the members' usage, logs, first awards, quick likes and the posts liked. */
    public void load(List<Usage> usage, List<Award> awards, List<Takeback> takebacks, Map<MemberKey, Instant> firsts,
                     List<QuickLike> quickLikes, List<Post> posts) {
        usage.forEach(row -> member(row.member()).usage.merge(new RuleDay(row.ruleId(), row.day()), row,
                PollHistories::add));
        awards.forEach(row -> member(row.member()).awards.add(row.awardedAt()));
        takebacks.forEach(row -> member(row.member()).takebacks.putIfAbsent(row.eventId(), row.takenBackAt()));
        firsts.forEach((member, first) -> member(member).firstAwardAt = first);
        quickLikes.forEach(row -> member(row.member()).quickLikes.putIfAbsent(row.objectKey(), row));
        for (Post post : posts) {
            this.posts.putIfAbsent(post.communityId() + "/" + post.objectKey(), post);
            postsByAuthor.computeIfAbsent(post.communityId() + "/" + post.authorVkId(), key -> new ArrayList<>())
                    .add(post);
        }
    }

    /** A like taken back, for the cycling check; once per VK event however often it is delivered. */
    public void recordTakeback(MemberKey member, String eventId, Instant at) {
        if (member(member).takebacks.putIfAbsent(eventId, at) == null) {
            addedTakebacks.add(new Takeback(member, eventId, at));
        }
    }

    /** What the caps and checks read before a first award of {@code ruleId} for an action at {@code at}. */
    public Standing standing(MemberKey key, String ruleId, Instant at) {
        Member member = member(key);
        LocalDate day = LocalDate.ofInstant(at, zone);
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int today = 0;
        int week = 0;
        Instant last = null;
        int sinceFirst = 0;
        LocalDate firstDay = member.firstAwardAt == null ? null : LocalDate.ofInstant(member.firstAwardAt, zone);
        for (Map.Entry<RuleDay, Usage> entry : member.usage.entrySet()) {
            Usage usage = entry.getValue();
            if (firstDay != null && !usage.day().isBefore(firstDay)) {
                sinceFirst += usage.awards();
            }
            if (!entry.getKey().ruleId().equals(ruleId)) {
                continue;
            }
            if (usage.day().equals(day)) {
                today += usage.awards();
            }
            if (!usage.day().isBefore(monday) && !usage.day().isAfter(day)) {
                week += usage.awards();
            }
            if (last == null || usage.lastAwardAt().isAfter(last)) {
                last = usage.lastAwardAt();
            }
        }
        Instant burstFrom = at.minus(checks.burst().window());
        Instant cycleFrom = at.minus(checks.cycling().window());
        int burst = (int) member.awards.stream().filter(t -> t.isAfter(burstFrom) && !t.isAfter(at)).count();
        int cycle = (int) member.takebacks.values().stream().filter(t -> t.isAfter(cycleFrom) && !t.isAfter(at))
                .count();
        return new Standing(today, week, last, burst, cycle, member.firstAwardAt,
                member.firstAwardAt == null ? 0 : sinceFirst);
    }

    /**
     * For a like given within the fan check's delay of a post's publication by another (known) author: notes it, and
     * answers the member's quick likes of that author's posts in the fan check's period, this one included, and that
     * author's posts then; {@link QuickLikes#NONE} for any other like.
     */
    public QuickLikes quickLikes(MemberKey key, String objectKey, Instant at) {
        Post post = posts.get(key.communityId() + "/" + objectKey);
        FanFlag fan = checks.fan();
        if (post == null || !objectKey.startsWith("post:") || post.authorVkId() == key.memberVkId()
                || post.publishedAt() == null || at.isBefore(post.publishedAt())
                || at.isAfter(post.publishedAt().plus(fan.delay()))) {
            return QuickLikes.NONE;
        }
        Instant from = at.minus(fan.period());
        Member member = member(key);
        int ofAuthor = (int) member.quickLikes.values().stream()
                .filter(like -> like.authorVkId() == post.authorVkId() && like.likedAt().isAfter(from)
                        && !like.objectKey().equals(objectKey))
                .count() + 1;
        int authorPosts = (int) postsByAuthor.getOrDefault(key.communityId() + "/" + post.authorVkId(), List.of())
                .stream()
                .filter(p -> p.objectKey().startsWith("post:") && p.publishedAt() != null
                        && p.publishedAt().isAfter(from) && !p.publishedAt().isAfter(at))
                .count();
        QuickLike like = new QuickLike(key, post.authorVkId(), objectKey, at);
        if (member.quickLikes.putIfAbsent(objectKey, like) == null) {
            addedQuickLikes.add(like);
        }
        return new QuickLikes(ofAuthor, authorPosts);
    }

    /** Counts a first award for the caps and the checks. */
    public void countAward(MemberKey key, String ruleId, Instant at) {
        Member member = member(key);
        Usage one = new Usage(key, ruleId, LocalDate.ofInstant(at, zone), 1, at);
        member.usage.merge(new RuleDay(ruleId, one.day()), one, PollHistories::add);
        addedUsage.merge(new UsageKey(key, ruleId, one.day()), one, PollHistories::add);
        member.awards.add(at);
        addedAwards.add(new Award(key, at));
        if (member.firstAwardAt == null || at.isBefore(member.firstAwardAt)) {
            member.firstAwardAt = at;
            changedFirstAwards.put(key, at);
        }
    }

    /** The awards the poll counted per member, rule and day, in key order. */
    public List<Usage> addedUsage() {
        return List.copyOf(addedUsage.values());
    }

    /** Members whose first award the poll moved, and to when, in key order. */
    public Map<MemberKey, Instant> changedFirstAwards() {
        return changedFirstAwards;
    }

    public List<Award> addedAwards() {
        return addedAwards;
    }

    public List<Takeback> addedTakebacks() {
        return addedTakebacks;
    }

    public List<QuickLike> addedQuickLikes() {
        return addedQuickLikes;
    }

    private Member member(MemberKey key) {
        return members.computeIfAbsent(key, ignored -> new Member());
    }

    private static Usage add(Usage a, Usage b) {
        return new Usage(a.member(), a.ruleId(), a.day(), a.awards() + b.awards(),
                a.lastAwardAt().isAfter(b.lastAwardAt()) ? a.lastAwardAt() : b.lastAwardAt());
    }

    private record RuleDay(String ruleId, LocalDate day) {
    }

    private record UsageKey(MemberKey member, String ruleId, LocalDate day) implements Comparable<UsageKey> {
        @Override
        public int compareTo(UsageKey other) {
            int byMember = member.compareTo(other.member);
            if (byMember != 0) {
                return byMember;
            }
            int byRule = ruleId.compareTo(other.ruleId);
            return byRule != 0 ? byRule : day.compareTo(other.day);
        }
    }

    private static final class Member {
        private final Map<RuleDay, Usage> usage = new HashMap<>();
        private final List<Instant> awards = new ArrayList<>();
        private final Map<String, Instant> takebacks = new HashMap<>();
        private final Map<String, QuickLike> quickLikes = new HashMap<>();
        private Instant firstAwardAt;
    }
}
