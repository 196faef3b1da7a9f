package ru.vklad.activity.service;

/** The plain-text body VK gets back: {@code ok}, or a community's confirmation string. */
public record CallbackAnswer(String body) {

    public static final CallbackAnswer OK = new CallbackAnswer("ok");

    public static CallbackAnswer confirmation(String confirmation) {
        return new CallbackAnswer(confirmation);
    }
}
