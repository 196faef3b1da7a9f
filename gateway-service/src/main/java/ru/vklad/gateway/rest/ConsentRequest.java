package ru.vklad.gateway.rest;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Consent to activity tracking: given (for the current consent text) or withdrawn. */
public record ConsentRequest(@Schema(examples = "true") @NotNull Boolean given) {
}
