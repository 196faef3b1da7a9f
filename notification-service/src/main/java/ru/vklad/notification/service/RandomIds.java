package ru.vklad.notification.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * VK's {@code random_id} for a notification: a stable int32 derived from the notification id, so a retry of the
 * same notification is recognised by VK and never delivered twice.
 */
public final class RandomIds {

    private RandomIds() {
    }

    public static int of(String notificationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(notificationId.getBytes(StandardCharsets.UTF_8));
            // VK rejects 0 and treats negative values as unsigned overflow; keep it positive.
            int value = ByteBuffer.wrap(digest).getInt() & 0x7fffffff;
            return value == 0 ? 1 : value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
