package ru.vklad.analytics.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tone of a comment from a lexicon of weighted Russian words, phrases and emoji (method in docs/analytics.md):
 * the sum of the weights of the entries found, where a negation turns the entry after it, words after "но" count
 * twice, and unbalanced brackets count as smileys ("спасибо)" is warmer, "опять(((" colder). A positive sum is
 * positive, a negative one negative, zero neutral. Plain Java, thread-safe once built.
 */
public final class ToneClassifier {

    /** Where the bundled lexicon is, on the class path. */
    public static final String LEXICON = "tone/lexicon.tsv";

    private static final Set<String> NEGATORS = Set.of("не", "нет", "ни", "без", "ничего", "никак", "ничуть", "отнюдь");
    private static final Set<String> CONTRASTS = Set.of("но", "однако", "зато");
    /** How many words after a negator it can still turn. */
    private static final int NEGATION_REACH = 3;
    private static final double CONTRAST_WEIGHT = 2;

    private final Map<List<String>, Double> entries;
    private final int longestEntry;

    private ToneClassifier(Map<List<String>, Double> entries) {
        this.entries = Map.copyOf(entries);
        this.longestEntry = entries.keySet().stream().mapToInt(List::size).max().orElse(1);
    }

    /** The classifier with the lexicon bundled with the service. */
    public static ToneClassifier bundled() {
        try (InputStream lexicon = ToneClassifier.class.getClassLoader().getResourceAsStream(LEXICON)) {
            if (lexicon == null) {
                throw new IllegalStateException(LEXICON + " is not on the class path");
            }
            return of(new String(lexicon.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A classifier with the given lexicon: lines of {@code weight<TAB>entry}, {@code #} starts a comment. */
    public static ToneClassifier of(String lexicon) {
        Map<List<String>, Double> entries = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(lexicon))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 2);
                if (fields.length != 2) {
                    throw new IllegalArgumentException("lexicon line " + number + " is not <weight><TAB><entry>");
                }
                List<String> stems = RussianWords.stems(fields[1].strip());
                if (stems.isEmpty()) {
                    throw new IllegalArgumentException("lexicon line " + number + " has no word");
                }
                entries.put(stems, Double.parseDouble(fields[0].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        return new ToneClassifier(entries);
    }

    public CommentTone tone(String text) {
        return tone(text, RussianWords.of(text));
    }

    /** The tone of a text already split into its words ({@link RussianWords#of}). */
    public CommentTone tone(String text, List<RussianWords.Word> words) {
        double score = score(text, words);
        return score > 0 ? CommentTone.POSITIVE : score < 0 ? CommentTone.NEGATIVE : CommentTone.NEUTRAL;
    }

    /** The comment's score: above zero positive, below negative. */
    public double score(String text) {
        return score(text, RussianWords.of(text));
    }

    private double score(String text, List<RussianWords.Word> words) {
        double score = 0;
        double emphasis = 1;
        int negationLeft = 0;
        int negationClause = -1;
        for (int i = 0; i < words.size(); i++) {
            RussianWords.Word word = words.get(i);
            if (word.clause() != negationClause) {
                negationLeft = 0;
            }
            int length = longestMatch(words, i);
            if (length > 0) {
                double weight = entries.get(stems(words, i, length));
                if (negationLeft > 0) {
                    weight = weight > 0 ? -weight : -weight / 2;
                    negationLeft = 0;
                }
                score += weight * emphasis;
                i += length - 1;
            } else if (CONTRASTS.contains(word.text())) {
                emphasis = CONTRAST_WEIGHT;
                negationLeft = 0;
            } else if (NEGATORS.contains(word.text())) {
                negationLeft = NEGATION_REACH;
                negationClause = word.clause();
            } else if (negationLeft > 0) {
                negationLeft--;
            }
        }
        return score + Integer.signum(smileys(text));
    }

    private int longestMatch(List<RussianWords.Word> words, int from) {
        for (int length = Math.min(longestEntry, words.size() - from); length > 0; length--) {
            if (words.get(from + length - 1).clause() == words.get(from).clause()
                    && entries.containsKey(stems(words, from, length))) {
                return length;
            }
        }
        return 0;
    }

    private static List<String> stems(List<RussianWords.Word> words, int from, int length) {
        return words.subList(from, from + length).stream().map(RussianWords.Word::stem).toList();
    }

    /** Closing brackets without an opening one are smiles, opening ones without a closing one frowns. */
    private static int smileys(String text) {
        if (text == null) {
            return 0;
        }
        int balance = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            balance += c == ')' ? 1 : c == '(' ? -1 : 0;
        }
        return balance;
    }
}
