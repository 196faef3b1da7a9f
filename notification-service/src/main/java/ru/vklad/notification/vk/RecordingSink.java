package ru.vklad.notification.vk;

/**
 * Recording mode (no VK token, e.g. the offline demo): every message goes through the same pipeline, coalescing and
 * quiet hours included, and ends RECORDED in the delivery log instead of being sent.
 */
public final class RecordingSink implements MessageSink {

    @Override
    public SendResult send(long peerId, int randomId, String text, String keyboard) {
        return new SendResult.Recorded();
    }
}
