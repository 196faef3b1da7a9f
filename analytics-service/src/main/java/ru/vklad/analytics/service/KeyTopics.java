package ru.vklad.analytics.service;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Key topics of a body of comments (a period's, or one post's), ranked by TF-IDF against earlier bodies: a term
 * scores by the share of the body's comments that use it, times how rare it was in the earlier periods, so what
 * is new rises and what is always said ("работа", "офис") sinks. No I/O.
 */
public final class KeyTopics {

    /**
     * @param term     the stem, which stands for all forms of the word
     * @param word     one form of it as written, for people to read
     * @param comments how many comments of the body use it
     */
    public record TermCount(String term, String word, int comments) {
    }

    public record Topic(@Schema(examples = "парковк") String term, @Schema(examples = "парковка") String word,
                        @Schema(examples = "12") int comments, @Schema(examples = "0.231") double score) {
    }

    private KeyTopics() {
    }

    /**
     * @param terms       the body's terms with the number of comments using each
     * @param comments    the number of comments in the body
     * @param earlier     the terms used in each earlier period (one set per period)
     * @param minComments a term used by fewer comments is not a topic (noise, and one person's words)
     * @param limit       how many topics at most
     * @return the topics, highest score first; ties by more comments, then by term
     */
    public static List<Topic> rank(Collection<TermCount> terms, int comments, List<Set<String>> earlier,
                                   int minComments, int limit) {
        if (comments <= 0) {
            return List.of();
        }
        return terms.stream()
                .filter(term -> term.comments() >= Math.max(1, minComments))
                .map(term -> new Topic(term.term(), term.word(), term.comments(),
                        (double) term.comments() / comments * inverseFrequency(term.term(), earlier)))
                .sorted(Comparator.comparingDouble(Topic::score).reversed()
                        .thenComparing(Comparator.comparingInt(Topic::comments).reversed())
                        .thenComparing(Topic::term))
                .limit(limit)
                .toList();
    }

    /** Smoothed IDF: ln((1 + N) / (1 + periods using the term)) + 1, so a term of every period still counts a little. */
    static double inverseFrequency(String term, List<Set<String>> earlier) {
        long using = earlier.stream().filter(period -> period.contains(term)).count();
        return Math.log((1.0 + earlier.size()) / (1.0 + using)) + 1;
    }
}
