package ru.vklad.gateway.rest;

import java.time.Instant;

import ru.vklad.gateway.persistence.Member;

public record MemberView(
        long vkUserId,
        String employeeId,
        String fullName,
        String department,
        String audience,
        String timeZone,
        boolean consentGiven,
        String consentVersion,
        Instant updatedAt) {

    public static MemberView of(Member m) {
        return new MemberView(m.vkUserId, m.employeeId, m.fullName, m.department, m.audience, m.timeZone,
                m.consentGiven, m.consentVersion, m.updatedAt);
    }
}
