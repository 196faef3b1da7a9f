package ru.vklad.ledger.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a point is worth in the Spasibo program and the smallest redemption (seed 000: 1 point = 0.01 RUB).
 * Roubles are kept in kopecks, rounded half up per redemption.
 */
public record RedemptionPolicy(long minimumPoints, BigDecimal rubPerPoint) {

    public static final RedemptionPolicy DEFAULT = new RedemptionPolicy(100, new BigDecimal("0.01"));

    public RedemptionPolicy {
        if (minimumPoints <= 0 || rubPerPoint.signum() <= 0) {
            throw new IllegalArgumentException("redemption needs a positive minimum and rate");
        }
    }

    public long kopecks(long points) {
        return rubPerPoint.multiply(BigDecimal.valueOf(points)).movePointRight(2)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
