package ru.vklad.notification.service;

import io.quarkus.qute.TemplateExtension;

/** Russian plural forms, as templates need them: 1 балл, 2 балла, 5 баллов, 21 балл, 11 баллов. */
@TemplateExtension
public final class RussianPlurals {

    private RussianPlurals() {
    }

    public static String plural(long n, String one, String few, String many) {
        long abs = Math.abs(n);
        long lastTwo = abs % 100;
        long last = abs % 10;
        if (lastTwo >= 11 && lastTwo <= 14) {
            return many;
        }
        if (last == 1) {
            return one;
        }
        if (last >= 2 && last <= 4) {
            return few;
        }
        return many;
    }

    /** {@code {count.likesWord}}: "за 1 отметку", "за 2 отметки", "за 5 отметок". */
    static String likesWord(long count) {
        return plural(count, "отметку", "отметки", "отметок");
    }

    /** {@code {streak.daysWord}}: 1 день, 2 дня, 5 дней. */
    static String daysWord(long days) {
        return plural(days, "день", "дня", "дней");
    }

    /** {@code {points.pointsWord}} in a template. */
    static String pointsWord(long points) {
        return plural(points, "балл", "балла", "баллов");
    }
}
