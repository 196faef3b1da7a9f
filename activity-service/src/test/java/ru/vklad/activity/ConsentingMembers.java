package ru.vklad.activity;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.Topics;

/** Fresh VK users who consent, published on {@code members} and awaited until the service follows them. */
final class ConsentingMembers {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ConsentingMembers() {
    }

    /** @param range the first id of a million reserved for the calling test, so tests never share a member */
    static long fresh(DataSource dataSource, long range) {
        long vkUserId = range + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000L);
        TestKafka.send(Topics.MEMBERS, String.valueOf(vkUserId), new MemberChanged(vkUserId, "E-" + vkUserId,
                "Тест Тестов", "ИТ", "employees", "Europe/Moscow", true, "2026-11", Instant.now()));
        await().atMost(WAIT).until(() -> consenting(dataSource, vkUserId));
        return vkUserId;
    }

    static boolean consenting(DataSource dataSource, long vkUserId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT 1 FROM member_consent WHERE vk_user_id = ? AND consent_given")) {
            q.setLong(1, vkUserId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
