package ru.vklad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import ru.vklad.events.TopicSpec;
import ru.vklad.events.Topics;

/** The Strimzi resources give the services exactly the topics they use (the events module), durably. */
class KafkaTopicsTest {

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void topicsAreThoseOfTheEventsModuleWithTheirCleanupPolicy(String rendering) {
        Manifests m = Renderings.get(rendering);
        String kafka = Manifests.name(m.ofKind("Kafka").findFirst().orElseThrow());
        Map<String, JsonNode> topics = m.ofKind("KafkaTopic")
                .collect(Collectors.toMap(t -> t.at("/spec/topicName").asText(), Function.identity()));

        Map<String, String> expected = new java.util.TreeMap<>();
        for (TopicSpec spec : Topics.everyTopic()) {
            expected.put(spec.name(), spec.cleanupPolicy());
        }
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        SoftAssertions soft = new SoftAssertions();
        expected.forEach((name, policy) -> {
            JsonNode topic = topics.get(name);
            soft.assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).as(name).isEqualTo(kafka);
            soft.assertThat(topic.at("/spec/config/cleanup.policy").asText()).as(name + " cleanup.policy")
                    .isEqualTo(policy);
            if (policy.equals("delete")) {
                soft.assertThat(topic.at("/spec/config/retention.ms").asLong()).as(name + " bounded retention")
                        .isPositive();
            }
            soft.assertThat(topic.at("/spec/partitions").asInt()).as(name + " partitions").isPositive();
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void acknowledgedWritesSurviveTheLossOfABrokerWhenThereAreSeveral(String rendering) {
        Manifests m = Renderings.get(rendering);
        int brokers = m.ofKind("KafkaNodePool").mapToInt(p -> p.at("/spec/replicas").asInt()).sum();
        JsonNode kafka = m.ofKind("Kafka").findFirst().orElseThrow();
        assertThat(kafka.at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true)).isFalse();
        assertThat(kafka.at("/metadata/annotations/strimzi.io~1kraft").asText()).isEqualTo("enabled");
        assertThat(m.ofKind("KafkaNodePool").flatMap(p -> DeploymentRulesTest.texts(p.at("/spec/roles")).stream()))
                .contains("controller", "broker");

        SoftAssertions soft = new SoftAssertions();
        m.ofKind("KafkaTopic").forEach(t -> {
            String name = t.at("/spec/topicName").asText();
            int replicas = t.at("/spec/replicas").asInt();
            int minIsr = t.at("/spec/config/min.insync.replicas").asInt();
            soft.assertThat(replicas).as(name + " replicas ≤ brokers").isBetween(1, brokers);
            soft.assertThat(minIsr).as(name + " min.insync.replicas ≤ replicas").isBetween(1, replicas);
            if (brokers >= 3) {
                soft.assertThat(replicas).as(name + " replicas").isGreaterThanOrEqualTo(3);
                soft.assertThat(minIsr).as(name + " min.insync.replicas").isGreaterThanOrEqualTo(2);
                soft.assertThat(replicas - minIsr).as(name + " one broker may fail").isGreaterThanOrEqualTo(1);
            }
        });
        soft.assertAll();
    }
}
