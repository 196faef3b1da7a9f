package ru.vklad.analytics.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

/**
 * RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, quote or line break (quotes doubled),
 * behind a UTF-8 byte order mark so Excel opens Cyrillic text intact. Text that a spreadsheet would take for a
 * formula (starting with =, +, -, @, a tab or a carriage return: a department named "=HYPERLINK(…)") is written
 * behind an apostrophe, which shows it as text; numbers are written as they are.
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final String BOM = "\uFEFF";

    private final StringBuilder text = new StringBuilder(BOM);

    Csv(String... header) {
        row(List.of(header));
    }

    Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            text.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    static String field(Object value) {
        String plain = value == null ? "" : value.toString();
        if (!(value instanceof Number) && !plain.isEmpty() && "=+-@\t\r".indexOf(plain.charAt(0)) >= 0) {
            plain = "'" + plain;
        }
        boolean quoted = plain.indexOf(',') >= 0 || plain.indexOf('"') >= 0 || plain.indexOf('\n') >= 0
                || plain.indexOf('\r') >= 0;
        return quoted ? '"' + plain.replace("\"", "\"\"") + '"' : plain;
    }

    /** The file as a download named {@code name}. */
    Response file(String name) {
        return Response.ok(toString()).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
