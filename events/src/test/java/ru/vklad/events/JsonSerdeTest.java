package ru.vklad.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import ru.vklad.events.serde.AwardCommandDeserializer;
import ru.vklad.events.serde.EarningRuleChangedDeserializer;
import ru.vklad.events.serde.JsonSerializer;
import ru.vklad.events.serde.MemberChangedDeserializer;

class JsonSerdeTest {

    private final JsonSerializer<Object> serializer = new JsonSerializer<>();

    @Test
    void recordsSurviveARoundTrip() {
        AwardCommand command = new AwardCommand("c-1", "229000001:like:51200901:post:1201", AwardCommand.Type.AWARD,
                51200901, 1, "like", 3, "+1 за отметку «Мне нравится»", "activity-service",
                Instant.parse("2026-11-23T10:15:30.123456Z"));
        byte[] json = serializer.serialize(Topics.AWARD_COMMANDS, command);
        assertEquals(command, new AwardCommandDeserializer().deserialize(Topics.AWARD_COMMANDS, json));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"issuedAt\":\"2026-11-23T10:15:30.123456Z\""),
                "instants are ISO-8601 text");
    }

    @Test
    void ruleLimitsTravelWithTheRuleAndAreNullInVersionsPublishedWithoutThem() {
        EarningRuleChanged capped = new EarningRuleChanged("like", 2, "Отметка «Мне нравится»", 2, 1, 5,
                Instant.parse("2026-11-23T00:00:00Z"), "hr", Instant.parse("2026-11-22T10:00:00Z"),
                new EarningRuleChanged.Limits(50, 200, 0));
        EarningRuleChangedDeserializer deserializer = new EarningRuleChangedDeserializer();
        assertEquals(capped, deserializer.deserialize(Topics.EARNING_RULES,
                serializer.serialize(Topics.EARNING_RULES, capped)));
        String older = "{\"ruleId\":\"like\",\"version\":1,\"title\":\"x\",\"points\":1,\"minPoints\":1,"
                + "\"maxPoints\":5,\"effectiveFrom\":\"1970-01-01T00:00:00Z\"}";
        EarningRuleChanged olderRule = deserializer.deserialize(Topics.EARNING_RULES,
                older.getBytes(StandardCharsets.UTF_8));
        assertNull(olderRule.limits());
        assertEquals(java.util.Map.of(), olderRule.communityLimits());

        EarningRuleChanged perCommunity = new EarningRuleChanged("like", 3, "Отметка «Мне нравится»", 2, 1, 5,
                Instant.parse("2026-11-24T00:00:00Z"), "hr", Instant.parse("2026-11-23T10:00:00Z"),
                new EarningRuleChanged.Limits(50, 200, 0),
                java.util.Map.of(229000002L, new EarningRuleChanged.Limits(10, 30, 60)));
        EarningRuleChanged read = deserializer.deserialize(Topics.EARNING_RULES,
                serializer.serialize(Topics.EARNING_RULES, perCommunity));
        assertEquals(perCommunity, read);
        assertEquals(new EarningRuleChanged.Limits(10, 30, 60), read.limitsIn(229000002L));
        assertEquals(new EarningRuleChanged.Limits(50, 200, 0), read.limitsIn(229000001L));
    }

    @Test
    void tombstonesStayNull() {
        assertNull(serializer.serialize(Topics.MEMBERS, null));
        assertNull(new MemberChangedDeserializer().deserialize(Topics.MEMBERS, null));
    }

    @Test
    void unknownFieldsAreIgnoredSoContractsCanGrow() {
        String json = "{\"vkUserId\":5,\"employeeId\":\"E-5\",\"consentGiven\":true,\"addedLater\":42}";
        MemberChanged member = new MemberChangedDeserializer().deserialize(Topics.MEMBERS,
                json.getBytes(StandardCharsets.UTF_8));
        assertEquals(5, member.vkUserId());
        assertTrue(member.consentGiven());
    }

    @Test
    void garbageIsASerializationErrorNamingTheTopic() {
        SerializationException e = assertThrows(SerializationException.class, () -> new AwardCommandDeserializer()
                .deserialize(Topics.AWARD_COMMANDS, "not json".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(Topics.AWARD_COMMANDS));
    }

    @Test
    void everyTopicHasADistinctDeadLetterTopic() {
        for (TopicSpec spec : Topics.ALL) {
            assertEquals(spec.name() + ".dlq", Topics.deadLetter(spec.name()));
        }
        assertEquals("compact", TopicSpec.compacted(Topics.MEMBERS).cleanupPolicy());
    }
}
