package ru.vklad.events.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

class IsoInstantsTest {

    @Test
    void readsWhatInstantToStringWritesAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(11);
        long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] scales = {1, 10, 1_000, 1_000_000, 1_000_000_000};
        for (int i = 0; i < 200_000; i++) {
            // Whole seconds, milli-, micro- and nanosecond fractions, all of Instant.toString's forms.
            int scale = scales[random.nextInt(scales.length)];
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1),
                    (long) random.nextInt(scale) * (1_000_000_000 / scale));
            assertEquals(instant, IsoInstants.parse(instant.toString()), instant.toString());
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59.5Z"), IsoInstants.parse("2024-02-29T23:59:59.5Z"));
        assertEquals(Instant.parse("2026-11-23T10:15:30.12Z"), IsoInstants.parse("2026-11-23T10:15:30.12Z"));
    }

    @Test
    void leavesEveryOtherFormToJackson() throws JsonProcessingException {
        String[] others = {"2026-11-23T10:15:30+03:00", "2026-11-23T10:15:30z", "2026-11-23 10:15:30Z",
                "2026-11-23T10:15:30.Z", "2026-11-23T10:15:30.1234567890Z", "2026-02-29T10:15:30Z",
                "2026-11-31T10:15:30Z", "2026-11-23T24:00:00Z", "2026-11-23T23:59:60Z", "+12026-11-23T10:15:30Z",
                "2026-1-23T10:15:30Z", "2026-11-23T1a:15:30Z", ""};
        for (String other : others) {
            assertNull(IsoInstants.parse(other), other);
        }
        // Through the mapper: an offset and epoch seconds are still read as before.
        assertEquals(Instant.parse("2026-11-23T07:15:30Z"),
                Json.MAPPER.readValue("\"2026-11-23T10:15:30+03:00\"", Instant.class));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 500_000_000),
                Json.MAPPER.readValue("1700000000.5", Instant.class));
        assertEquals(Instant.parse("2026-11-23T10:15:30.123Z"),
                Json.MAPPER.readValue("\"2026-11-23T10:15:30.123Z\"", Instant.class));
    }
}
