package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The tone classifier against labelled Russian comments: {@code tone/dev.tsv} (written with the lexicon, used to
 * tune it) and {@code tone/heldout.tsv} (written separately, never used for tuning). The report, with the
 * confusion matrices, goes to {@code target/tone-accuracy.md}; bench/README.md records it.
 */
class ToneAccuracyTest {

    private static final ToneClassifier CLASSIFIER = ToneClassifier.bundled();

    record Labelled(CommentTone label, String text) {
    }

    record Accuracy(String set, int total, int correct, Map<CommentTone, Map<CommentTone, Integer>> confusion,
                    List<String> misses) {

        double share() {
            return (double) correct / total;
        }
    }

    @Test
    void classifiesTheLabelledCommentsWellEnough() throws IOException {
        Accuracy dev = measure("dev");
        Accuracy heldOut = measure("heldout");
        String report = report(dev) + "\n" + report(heldOut);
        Path target = Path.of("target", "tone-accuracy.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, report);
        System.out.println(report);

        assertThat(dev.total() + heldOut.total()).isGreaterThanOrEqualTo(200);
        // Floors a little under the measured figures (bench/README.md), so a lexicon change that loses ground fails.
        assertThat(dev.share()).isGreaterThanOrEqualTo(0.95);
        assertThat(heldOut.share()).isGreaterThanOrEqualTo(0.85);
    }

    private static Accuracy measure(String set) throws IOException {
        List<Labelled> comments = load("tone/" + set + ".tsv");
        Map<CommentTone, Map<CommentTone, Integer>> confusion = new EnumMap<>(CommentTone.class);
        List<String> misses = new ArrayList<>();
        int correct = 0;
        for (Labelled comment : comments) {
            CommentTone tone = CLASSIFIER.tone(comment.text());
            confusion.computeIfAbsent(comment.label(), label -> new EnumMap<>(CommentTone.class))
                    .merge(tone, 1, Integer::sum);
            if (tone == comment.label()) {
                correct++;
            } else {
                misses.add(comment.label().label() + " as " + tone.label() + ": " + comment.text());
            }
        }
        return new Accuracy(set, comments.size(), correct, confusion, misses);
    }

    private static List<Labelled> load(String resource) throws IOException {
        try (InputStream in = ToneAccuracyTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<Labelled> comments = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] fields = line.split("\t", 2);
                    comments.add(new Labelled(CommentTone.ofLabel(fields[0].strip()), fields[1].strip()));
                }
            }
            return comments;
        }
    }

    private static String report(Accuracy accuracy) {
        StringBuilder report = new StringBuilder();
        report.append(String.format("### %s: %d of %d correct, accuracy %.1f%%%n%n", accuracy.set(),
                accuracy.correct(), accuracy.total(), 100 * accuracy.share()));
        report.append("| labelled \\ classified | positive | neutral | negative |\n|---|---|---|---|\n");
        for (CommentTone label : CommentTone.values()) {
            Map<CommentTone, Integer> row = accuracy.confusion().getOrDefault(label, Map.of());
            report.append("| ").append(label.label());
            for (CommentTone tone : CommentTone.values()) {
                report.append(" | ").append(row.getOrDefault(tone, 0));
            }
            report.append(" |\n");
        }
        report.append("\nMisclassified:\n");
        accuracy.misses().forEach(miss -> report.append("- ").append(miss).append('\n'));
        return report.toString();
    }
}
