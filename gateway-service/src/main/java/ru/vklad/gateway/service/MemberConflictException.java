package ru.vklad.gateway.service;

/** A member change that contradicts the directory, e.g. an employee id already linked to another VK user. */
public class MemberConflictException extends RuntimeException {

    public MemberConflictException(String message) {
        super(message);
    }
}
