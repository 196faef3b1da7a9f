package ru.vklad.notification.vk;

/** Where the delivery worker hands a message: VK ({@link VkMessenger}), or the log only ({@link RecordingSink}). */
public interface MessageSink {

    /** With {@code keyboard}, VK's keyboard JSON, the member gets buttons under the message. */
    SendResult send(long peerId, int randomId, String text, String keyboard);
}
