package ru.vklad.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ru.vklad.gateway.persistence.Member;

public record MemberView(
        @Schema(examples = "51200901") long vkUserId,
        @Schema(examples = "E-10234") String employeeId,
        @Schema(examples = "Иван Петров") String fullName,
        @Schema(examples = "Продажи") String department,
        @Schema(examples = "employees", enumeration = {"employees", "customers"}) String audience,
        @Schema(examples = "Europe/Moscow") String timeZone,
        boolean consentGiven,
        @Schema(examples = "2026-11", description = "The consent text last agreed to") String consentVersion,
        @Schema(examples = "2026-11-23T09:15:00Z") Instant updatedAt) {

    public static MemberView of(Member m) {
        return new MemberView(m.vkUserId, m.employeeId, m.fullName, m.department, m.audience, m.timeZone,
                m.consentGiven, m.consentVersion, m.updatedAt);
    }
}
