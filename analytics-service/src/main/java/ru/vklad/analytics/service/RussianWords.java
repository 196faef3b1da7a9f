package ru.vklad.analytics.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
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
        for (int clause = 0; clause < clauses.length; clause++) {
            collect(clauses[clause], clause, stemmer, words);
        }
        return words;
    }

    private static String normalised(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е').replace(VARIATION_SELECTOR, "");
    }

    private static void collect(String clause, int index, RussianStemmer stemmer, List<Word> words) {
        try (StandardTokenizer tokenizer = new StandardTokenizer(); TokenStream stream = tokenizer) {
            tokenizer.setReader(new StringReader(clause));
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                boolean emoji = EMOJI.equals(type.type());
                words.add(new Word(word, emoji ? word : stem(stemmer, word), STOP_WORDS.contains(word), emoji, index));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
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
