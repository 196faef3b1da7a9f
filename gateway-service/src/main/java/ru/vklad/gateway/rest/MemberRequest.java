package ru.vklad.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What HR sends to create or update a member. */
public record MemberRequest(
        @Schema(examples = "E-10234") @NotBlank @Size(max = 64) String employeeId,
        @Schema(examples = "Иван Петров") @NotBlank @Size(max = 200) String fullName,
        @Schema(examples = "Продажи") @NotBlank @Size(max = 120) String department,
        @Schema(examples = "employees", enumeration = {"employees", "customers"})
        @Pattern(regexp = "employees|customers", message = "must be employees or customers") String audience,
        @Schema(examples = "Europe/Moscow") @Size(max = 64) String timeZone) {
}
