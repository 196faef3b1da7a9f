package ru.vklad.analytics.rest;

import java.time.LocalDate;

import jakarta.ws.rs.BadRequestException;

import ru.vklad.analytics.service.Period;

/** The {@code from}/{@code to} query parameters as a period, or a 400 saying what is wrong with them. */
final class Periods {

    private Periods() {
    }

    static Period of(LocalDate from, LocalDate to) {
        try {
            return new Period(from, to);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
