package ru.vklad.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.SharedStack;
import ru.vklad.events.TopicSpec;
import ru.vklad.events.Topics;

/** The build's shared stack: real servers, every service database, every topic, and real tokens. */
class SharedStackTest {

    @Test
    void everyServiceDatabaseExists() throws Exception {
        StackEndpoints stack = SharedStack.endpoints();
        for (VkladService service : VkladService.values()) {
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(service.database()), stack.postgresUser(),
                    stack.postgresPassword());
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), version()")) {
                rs.next();
                assertEquals(service.database(), rs.getString(1));
                assertTrue(rs.getString(2).startsWith("PostgreSQL 17"), rs.getString(2));
            }
        }
    }

    @Test
    void everyTopicAndItsDeadLetterTopicExistWithTheirCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedStack.endpoints().kafkaBootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            for (TopicSpec spec : Topics.ALL) {
                assertTrue(topics.contains(spec.name()), spec.name());
                assertTrue(topics.contains(Topics.deadLetter(spec.name())), Topics.deadLetter(spec.name()));
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, spec.name());
                String policy = admin.describeConfigs(Set.of(resource)).all().get().get(resource)
                        .get("cleanup.policy").value();
                assertEquals(spec.cleanupPolicy(), policy, spec.name());
            }
        }
    }

    @Test
    void keycloakIssuesTokensForTheDemoUsersOnly() {
        assertTrue(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin").split("\\.").length == 3);
        try {
            KeycloakTokens.accessToken("hr.admin", "wrong");
            throw new AssertionError("a wrong password got a token");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("invalid_grant"), expected.getMessage());
        }
    }

    @Test
    void aSecondLookupReusesTheRunningStack() {
        assertEquals(SharedStack.endpoints(), SharedStack.endpoints());
    }
}
