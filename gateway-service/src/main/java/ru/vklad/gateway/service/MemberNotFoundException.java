package ru.vklad.gateway.service;

public class MemberNotFoundException extends RuntimeException {

    public MemberNotFoundException(long vkUserId) {
        super("No member with VK user id " + vkUserId);
    }
}
