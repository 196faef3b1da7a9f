package ru.vklad.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId VLADIVOSTOK = ZoneId.of("Asia/Vladivostok");
    private final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(9, 0));

    private static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    @Test
    void daytimeMessagesGoAtOnce() {
        Instant noon = at("2026-11-23T12:00", MOSCOW);
        assertThat(night.sendableAt(noon, MOSCOW)).isEqualTo(noon);
        assertThat(night.sendableAt(at("2026-11-23T09:00", MOSCOW), MOSCOW)).isEqualTo(at("2026-11-23T09:00", MOSCOW));
        assertThat(night.sendableAt(at("2026-11-23T21:59", MOSCOW), MOSCOW)).isEqualTo(at("2026-11-23T21:59", MOSCOW));
    }

    @Test
    void eveningMessagesWaitForTheNextMorning() {
        assertThat(night.sendableAt(at("2026-11-23T22:00", MOSCOW), MOSCOW)).isEqualTo(at("2026-11-24T09:00", MOSCOW));
        assertThat(night.sendableAt(at("2026-11-23T23:30", MOSCOW), MOSCOW)).isEqualTo(at("2026-11-24T09:00", MOSCOW));
    }

    @Test
    void smallHoursMessagesWaitForThisMorning() {
        assertThat(night.sendableAt(at("2026-11-24T03:15", MOSCOW), MOSCOW)).isEqualTo(at("2026-11-24T09:00", MOSCOW));
    }

    @Test
    void theMembersOwnZoneDecides() {
        // 12:00 in Moscow is 19:00 in Vladivostok (day) and 15:00 in Moscow is 22:00 there (night).
        Instant moscowNoon = at("2026-11-23T12:00", MOSCOW);
        assertThat(night.sendableAt(moscowNoon, VLADIVOSTOK)).isEqualTo(moscowNoon);
        Instant moscowThree = at("2026-11-23T15:00", MOSCOW);
        assertThat(night.sendableAt(moscowThree, VLADIVOSTOK)).isEqualTo(at("2026-11-24T09:00", VLADIVOSTOK));
    }

    @Test
    void aQuietPeriodWithinOneDayAndNoneAtAll() {
        QuietHours lunch = new QuietHours(LocalTime.of(13, 0), LocalTime.of(14, 0));
        assertThat(lunch.sendableAt(at("2026-11-23T13:30", MOSCOW), MOSCOW)).isEqualTo(at("2026-11-23T14:00", MOSCOW));
        assertThat(lunch.sendableAt(at("2026-11-23T14:00", MOSCOW), MOSCOW)).isEqualTo(at("2026-11-23T14:00", MOSCOW));
        QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        Instant late = at("2026-11-23T23:00", MOSCOW);
        assertThat(none.sendableAt(late, MOSCOW)).isEqualTo(late);
    }
}
