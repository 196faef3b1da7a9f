package ru.vklad.analytics.service;

import java.util.Locale;

/** The attitude a comment expresses. */
public enum CommentTone {
    POSITIVE, NEUTRAL, NEGATIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CommentTone ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
