package ru.vklad.activity.vk;

/** The request body is not a VK Callback API event; VK never sends such bodies, so nothing is stored. */
public class MalformedCallbackException extends RuntimeException {

    public MalformedCallbackException(String reason) {
        super(reason);
    }
}
