package ru.vklad.analytics.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Russian text as words, the way Lucene's Russian analyzer sees it: Unicode word segmentation (emoji are words
 * too), lower case, and the Snowball Russian stem of each word. Unlike the analyzer, stop words are kept and
 * marked, because tone needs "не" and "но"; key topics drop them. Thread-safe; no I/O.
 */
public final class RussianWords {

    /** One word as written (lower case, "ё" as "е"), its stem, and whether it is a stop word or an emoji. */
    public record Word(String text, String stem, boolean stopWord, boolean emoji, int clause) {

        /** A word that can name a topic: letters, at least three of them, not a stop word. */
        public boolean topical() {
            return !stopWord && !emoji && text.length() >= 3 && text.chars().allMatch(Character::isLetter);
        }
    }

    private static final CharArraySet STOP_WORDS = RussianAnalyzer.getDefaultStopSet();
    private static final String EMOJI = "<EMOJI>";
    private static final String VARIATION_SELECTOR = "\uFE0F";

    private RussianWords() {
    }

    /** The words of a text in order; each carries the number of its clause (split at . , ; : ! ? and dashes). */
    public static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        String[] clauses = normalised(text).split("[.,;:!?…\\n—–]+|\\s-\\s");
        RussianStemmer stemmer = new RussianStemmer();
        // One tokenizer for all clauses of the text: a tokenizer may read another text once closed.
        try (StandardTokenizer tokenizer = new StandardTokenizer()) {
            CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
            TypeAttribute type = tokenizer.addAttribute(TypeAttribute.class);
            for (int clause = 0; clause < clauses.length; clause++) {
                tokenizer.setReader(new StringReader(clauses[clause]));
                tokenizer.reset();
                while (tokenizer.incrementToken()) {
                    String word = term.toString();
                    boolean emoji = EMOJI.equals(type.type());
                    words.add(new Word(word, emoji ? word : stem(stemmer, word), STOP_WORDS.contains(word), emoji,
                            clause));
                }
                tokenizer.end();
                tokenizer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        return words;
    }

    private static String normalised(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е').replace(VARIATION_SELECTOR, "");
    }

    private static String stem(RussianStemmer stemmer, String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /** The stems of a phrase (for lexicon entries), without clause splitting. */
    public static List<String> stems(String phrase) {
        return of(phrase.replaceAll("[.,;:!?]", " ")).stream().map(Word::stem).toList();
    }
}
