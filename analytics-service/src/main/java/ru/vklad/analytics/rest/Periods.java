package ru.vklad.analytics.rest;

import java.time.LocalDate;

import jakarta.ws.rs.BadRequestException;

import ru.vklad.analytics.service.Period;

/** The {@code from}/{@code to} query parameters as a period, or a 400 saying what is wrong with them. */
final class Periods {

    private Periods() {
    }

    /** No period when neither is given; both or neither. */
    static Period optional(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return null;
        }
        if (from == null || to == null) {
            throw new BadRequestException("from and to: give both, or neither for all time");
        }
        return of(from, to);
    }

    static Period of(LocalDate from, LocalDate to) {
        try {
            return new Period(from, to);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
