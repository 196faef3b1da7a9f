package ru.vklad.deploy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes memory quantities ("512Mi", "2Gi", "1G", "1048576") in bytes. */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("^([0-9.]+)([A-Za-z]*)$");
    private static final Map<String, Long> SUFFIXES = Map.of(
            "", 1L, "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);

    private Quantities() {
    }

    static long bytes(String quantity) {
        Matcher m = QUANTITY.matcher(quantity);
        if (!m.matches() || !SUFFIXES.containsKey(m.group(2))) {
            throw new IllegalArgumentException("not a memory quantity: " + quantity);
        }
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(SUFFIXES.get(m.group(2)))).longValueExact();
    }
}
