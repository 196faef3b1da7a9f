package ru.vklad.analytics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Engaged members per member of the audience, to three decimals. No I/O. */
public final class EngagementRate {

    private EngagementRate() {
    }

    /** Null when the audience is not known or empty: a rate against nobody would be a made-up number. */
    public static Double of(int engaged, Integer audienceSize) {
        if (audienceSize == null || audienceSize <= 0) {
            return null;
        }
        return BigDecimal.valueOf(engaged).divide(BigDecimal.valueOf(audienceSize), 3, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
