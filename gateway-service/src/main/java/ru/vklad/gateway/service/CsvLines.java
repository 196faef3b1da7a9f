package ru.vklad.gateway.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * A CSV file as HR's spreadsheets write it: an optional header line, comma or semicolon separated, quoted fields
 * allowed, any line ending. Each line is read on its own, so a broken line is reported with its number and does
 * not stop the others.
 */
public final class CsvLines {

    /** One line: its number in the file (1-based) and its fields, or why it could not be read. */
    public record Raw(int number, List<String> fields, String error) {
    }

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();

    private CsvLines() {
    }

    /** @param headerStart how the header's first field is spelt; a first line starting with it is skipped */
    public static List<Raw> read(String text, String headerStart) {
        List<Raw> lines = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        char separator = detectSeparator(body);
        String[] raw = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i];
            int number = i + 1;
            if (line.isBlank() || (number == 1 && isHeader(line, headerStart))) {
                continue;
            }
            lines.add(readLine(number, line, separator));
        }
        return lines;
    }

    private static Raw readLine(int number, String line, char separator) {
        try (MappingIterator<List<String>> values = CSV.readerForListOf(String.class)
                .with(CSV.schemaFor(List.class).withColumnSeparator(separator).withoutHeader())
                .readValues(line)) {
            return new Raw(number, values.hasNext() ? values.next() : List.of(), null);
        } catch (IOException | RuntimeException e) {
            return new Raw(number, List.of(), "not a CSV line: " + e.getMessage());
        }
    }

    private static boolean isHeader(String line, String headerStart) {
        return line.toLowerCase(Locale.ROOT).replaceAll("[\"\\s]", "").startsWith(headerStart);
    }

    private static char detectSeparator(String text) {
        String first = text.lines().findFirst().orElse("");
        return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
    }
}
