package ru.vklad.gateway.service;

import java.util.ArrayList;
import java.util.List;

/** The CRM's export of finished projects: {@code employee_id,project,points} per line ({@link CsvLines}). */
public final class ProjectAwardsCsv {

    /** One line: its number in the file (1-based), the values, or what is wrong with it. */
    public record Line(int number, String employeeId, String project, Long points, String error) {

        public boolean valid() {
            return error == null;
        }
    }

    private ProjectAwardsCsv() {
    }

    public static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (CsvLines.Raw raw : CsvLines.read(text, "employee_id")) {
            lines.add(line(raw));
        }
        return lines;
    }

    private static Line line(CsvLines.Raw raw) {
        int number = raw.number();
        if (raw.error() != null) {
            return new Line(number, null, null, null, raw.error());
        }
        List<String> fields = raw.fields();
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
}
