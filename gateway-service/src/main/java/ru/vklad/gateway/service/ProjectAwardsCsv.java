package ru.vklad.gateway.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * The CRM's export of finished projects: {@code employee_id,project,points} per line, an optional header line,
 * comma or semicolon separated, quoted fields allowed. Each line is read on its own, so a broken line is reported
 * with its number and does not stop the others.
 */
public final class ProjectAwardsCsv {

    /** One line: its number in the file (1-based), the values, or what is wrong with it. */
    public record Line(int number, String employeeId, String project, Long points, String error) {

        public boolean valid() {
            return error == null;
        }
    }

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();

    private ProjectAwardsCsv() {
    }

    public static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        char separator = detectSeparator(text);
        String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i];
            int number = i + 1;
            if (line.isBlank() || (number == 1 && isHeader(line))) {
                continue;
            }
            lines.add(parseLine(number, line, separator));
        }
        return lines;
    }

    private static Line parseLine(int number, String line, char separator) {
        List<String> fields;
        try (MappingIterator<List<String>> values = CSV.readerForListOf(String.class)
                .with(CSV.schemaFor(List.class).withColumnSeparator(separator).withoutHeader())
                .readValues(line)) {
            fields = values.hasNext() ? values.next() : List.of();
        } catch (IOException | RuntimeException e) {
            return new Line(number, null, null, null, "not a CSV line: " + e.getMessage());
        }
        if (fields.size() != 3) {
            return new Line(number, null, null, null,
                    "expected 3 fields (employee_id, project, points), got " + fields.size());
        }
        String employeeId = fields.get(0);
        String project = fields.get(1);
        if (employeeId.isBlank()) {
            return new Line(number, null, project, null, "employee_id is empty");
        }
        if (project.isBlank()) {
            return new Line(number, employeeId, null, null, "project is empty");
        }
        try {
            return new Line(number, employeeId, project, Long.parseLong(fields.get(2)), null);
        } catch (NumberFormatException e) {
            return new Line(number, employeeId, project, null, "points is not a whole number: " + fields.get(2));
        }
    }

    private static boolean isHeader(String line) {
        return line.toLowerCase(Locale.ROOT).replaceAll("[\"\\s]", "").startsWith("employee_id");
    }

    private static char detectSeparator(String text) {
        String first = text.lines().findFirst().orElse("");
        return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
    }
}
