package ru.vklad.analytics.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the read models keep of a comment's text beyond the retention of the text itself: its tone and the terms
 * it uses (each stem once, with the first form it was written in). No I/O.
 */
public record CommentAnalysis(CommentTone tone, Map<String, String> terms) {

    public static CommentAnalysis of(String text, ToneClassifier classifier) {
        List<RussianWords.Word> words = RussianWords.of(text);
        Map<String, String> terms = new LinkedHashMap<>();
        words.stream()
                .filter(RussianWords.Word::topical)
                .forEach(word -> terms.putIfAbsent(word.stem(), word.text()));
        return new CommentAnalysis(classifier.tone(text, words), terms);
    }
}
