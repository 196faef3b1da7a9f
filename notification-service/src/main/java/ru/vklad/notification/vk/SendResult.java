package ru.vklad.notification.vk;

/** What VK did with one message, as the delivery decides on it. */
public sealed interface SendResult {

    /** Recording mode: rendered and logged, not sent. */
    record Recorded() implements SendResult {
    }

    /** VK accepted it (or had accepted it before: same {@code random_id}). */
    record Sent(long messageId) implements SendResult {
    }

    /** 901/902: the member has not allowed community messages, or their privacy forbids them. Final. */
    record NotAllowed(int code, String description) implements SendResult {
    }

    /** 6, 9, 10 or a network failure: try again later. */
    record Retryable(String reason) implements SendResult {
    }

    /** 5: the community token is not valid. Sending stops until it is replaced. */
    record TokenRejected(String description) implements SendResult {
    }

    /** Any other VK error: retrying the same call cannot help. */
    record Failed(int code, String description) implements SendResult {
    }
}
