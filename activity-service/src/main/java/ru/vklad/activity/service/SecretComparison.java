package ru.vklad.activity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares secrets in constant time, so response timing does not reveal how much of a guess was right. */
final class SecretComparison {

    private SecretComparison() {
    }

    static boolean matches(String expected, String actual) {
        if (expected == null || expected.isEmpty() || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
