package ru.vklad.activity.vk;

import ru.vklad.events.VkCallbackReceived;

/** An authenticated callback of a handled type that lacks what its type must carry; it goes to the dead letters. */
public class UnusableCallbackException extends RuntimeException {

    public UnusableCallbackException(VkCallbackReceived callback, String reason) {
        super(callback.type() + " " + callback.communityId() + ":" + callback.eventId() + ": " + reason);
    }
}
