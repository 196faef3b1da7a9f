package ru.vklad.ledger.rest;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.BadRequestException;

/** The {@code {month}} path segment of budgets and payout registries: YYYY-MM, or a 400 saying so. */
final class Months {

    private Months() {
    }

    static YearMonth parse(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("month must be YYYY-MM, got '" + month + "'");
        }
    }
}
