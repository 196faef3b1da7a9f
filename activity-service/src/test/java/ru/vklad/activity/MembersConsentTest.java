package ru.vklad.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.ServiceContract;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.Topics;

/** Flyway migrated the real database, and the members topic reaches it through the service's channel. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_activity"))
class MembersConsentTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void healthMetricsAndOpenApiAreServed() {
        ServiceContract.assertOperable("Vklad activity service");
    }

    @Test
    void flywayMigratedTheServiceDatabase() {
        ServiceContract.assertFlywayMigrated(dataSource, "vklad_activity");
    }

    @Test
    void consentFollowsTheMembersTopicAndErasureForgetsIt() {
        long vkUserId = 700_000_000L + System.nanoTime() % 1_000_000;
        Instant now = Instant.now();
        TestKafka.send(Topics.MEMBERS, String.valueOf(vkUserId), member(vkUserId, true, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> consent(vkUserId).equals(Optional.of(true)));

        TestKafka.send(Topics.MEMBERS, String.valueOf(vkUserId), member(vkUserId, false, now.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> consent(vkUserId).equals(Optional.of(false)));

        // An older state delivered late must not undo the withdrawal.
        TestKafka.send(Topics.MEMBERS, String.valueOf(vkUserId), member(vkUserId, true, now));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> consent(vkUserId).equals(Optional.of(false)));

        TestKafka.send(Topics.MEMBERS, String.valueOf(vkUserId), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> consent(vkUserId).isEmpty());
    }

    private static MemberChanged member(long vkUserId, boolean consent, Instant at) {
        return new MemberChanged(vkUserId, "E-" + vkUserId, "Тест Тестов", "Продажи", "employees",
                "Europe/Moscow", consent, consent ? "v1" : null, at);
    }

    private Optional<Boolean> consent(long vkUserId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement query = c.prepareStatement(
                     "SELECT consent_given FROM member_consent WHERE vk_user_id = ?")) {
            query.setLong(1, vkUserId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }
}
