package ru.vklad.ledger;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import ru.vklad.events.AwardCommand;

/**
 * A reproducible stream of award commands as activity sends them: awards, redeliveries of earlier commands (the
 * same business fact under a new command id) and reversals of a member's earlier awards (some redelivered too),
 * with the balances its distinct commands must add up to. Each member's commands are in order, as they are on
 * their Kafka partition.
 */
final class CommandStream {

    private final String run;
    private final List<AwardCommand> commands = new ArrayList<>();
    private final Map<Long, Long> expectedBalances = new HashMap<>();
    private final Set<String> distinctKeys = new HashSet<>();

    private CommandStream(String run) {
        this.run = run;
    }

    static CommandStream generate(String run, long firstMember, int members, int size, long seed) {
        CommandStream stream = new CommandStream(run);
        Random random = new Random(seed);
        Map<Long, Deque<AwardCommand>> unreversed = new HashMap<>();
        for (int i = 0; stream.commands.size() < size; i++) {
            long member = firstMember + random.nextInt(members);
            Deque<AwardCommand> awards = unreversed.computeIfAbsent(member, m -> new ArrayDeque<>());
            int dice = random.nextInt(100);
            if (dice < 10 && !stream.commands.isEmpty()) {
                AwardCommand earlier = stream.commands.get(random.nextInt(stream.commands.size()));
                stream.commands.add(redelivery(earlier, i));
            } else if (dice < 16 && !awards.isEmpty()) {
                AwardCommand award = awards.pollLast();
                AwardCommand reversal = new AwardCommand(run + "-c" + i, award.idempotencyKey() + ":reversal",
                        AwardCommand.Type.REVERSE, member, award.points(), award.ruleId(), award.ruleVersion(),
                        "отметка снята", "crash-test", Instant.now(), award.idempotencyKey());
                stream.add(reversal, -award.points());
            } else {
                long points = 1 + random.nextInt(10);
                AwardCommand award = new AwardCommand(run + "-c" + i, run + ":like:" + i, AwardCommand.Type.AWARD,
                        member, points, "like", 1, "+" + points + " за отметку «Мне нравится»", "crash-test",
                        Instant.now());
                stream.add(award, points);
                awards.add(award);
            }
        }
        return stream;
    }

    private void add(AwardCommand command, long change) {
        commands.add(command);
        distinctKeys.add(command.idempotencyKey());
        expectedBalances.merge(command.memberVkId(), change, Long::sum);
    }

    private static AwardCommand redelivery(AwardCommand earlier, int i) {
        return new AwardCommand(earlier.commandId().replaceAll("-c\\d+$", "-c" + i), earlier.idempotencyKey(),
                earlier.type(), earlier.memberVkId(), earlier.points(), earlier.ruleId(), earlier.ruleVersion(),
                earlier.reason(), earlier.source(), earlier.issuedAt(), earlier.reversesKey());
    }

    List<AwardCommand> commands() {
        return commands;
    }

    Map<Long, Long> expectedBalances() {
        return expectedBalances;
    }

    int distinctKeys() {
        return distinctKeys.size();
    }

    String commandIdPrefix() {
        return run + "-c";
    }

    String keyPrefix() {
        return run + ":";
    }
}
