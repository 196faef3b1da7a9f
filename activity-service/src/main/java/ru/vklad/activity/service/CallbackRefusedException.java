package ru.vklad.activity.service;

/** The request is not from VK for a community we serve (unknown community, missing or wrong secret). */
public class CallbackRefusedException extends RuntimeException {

    public CallbackRefusedException(String reason) {
        super(reason);
    }
}
