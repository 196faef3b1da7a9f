package ru.vklad.gateway.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The members directory as a CSV file from HR's HR system:
 * {@code vk_user_id,employee_id,full_name,department[,audience[,time_zone]]} per line ({@link CsvLines}). A VK user
 * or an employee listed twice is an error on the later line, so the file says one thing about each person.
 */
public final class MembersCsv {

    /** One line: its number, the member, or what is wrong with it. */
    public record Line(int number, Long vkUserId, String employeeId, String fullName, String department,
                       String audience, String timeZone, String error) {

        public boolean valid() {
            return error == null;
        }

        Line refused(String why) {
            return new Line(number, vkUserId, employeeId, fullName, department, audience, timeZone, why);
        }
    }

    private MembersCsv() {
    }

    public static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        Map<Long, Integer> vkUsers = new HashMap<>();
        Map<String, Integer> employees = new HashMap<>();
        for (CsvLines.Raw raw : CsvLines.read(text, "vk_user_id")) {
            Line line = line(raw);
            if (line.valid()) {
                Integer sameUser = vkUsers.putIfAbsent(line.vkUserId(), line.number());
                Integer sameEmployee = employees.putIfAbsent(line.employeeId(), line.number());
                if (sameUser != null) {
                    line = line.refused("VK user " + line.vkUserId() + " is already on line " + sameUser);
                } else if (sameEmployee != null) {
                    line = line.refused("employee " + line.employeeId() + " is already on line " + sameEmployee);
                }
            }
            lines.add(line);
        }
        return lines;
    }

    private static Line line(CsvLines.Raw raw) {
        int number = raw.number();
        if (raw.error() != null) {
            return new Line(number, null, null, null, null, null, null, raw.error());
        }
        List<String> f = raw.fields();
        if (f.size() < 4 || f.size() > 6) {
            return new Line(number, null, null, null, null, null, null, "expected 4 to 6 fields (vk_user_id, "
                    + "employee_id, full_name, department, audience, time_zone), got " + f.size());
        }
        String audience = f.size() > 4 && !f.get(4).isBlank() ? f.get(4) : null;
        String zone = f.size() > 5 && !f.get(5).isBlank() ? f.get(5) : null;
        Line line = new Line(number, null, f.get(1), f.get(2), f.get(3).isBlank() ? null : f.get(3), audience, zone,
                null);
        long vkUserId;
        try {
            vkUserId = Long.parseLong(f.get(0));
        } catch (NumberFormatException e) {
            return line.refused("vk_user_id is not a VK user id: " + f.get(0));
        }
        line = new Line(number, vkUserId, line.employeeId(), line.fullName(), line.department(), audience, zone, null);
        if (vkUserId <= 0) {
            return line.refused("vk_user_id must be positive, got " + vkUserId);
        }
        if (line.employeeId().isBlank()) {
            return line.refused("employee_id is empty");
        }
        if (line.fullName().isBlank()) {
            return line.refused("full_name is empty");
        }
        return line;
    }
}
