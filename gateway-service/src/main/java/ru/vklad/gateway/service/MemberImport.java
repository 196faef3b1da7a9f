package ru.vklad.gateway.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The members directory from a CSV file: previewed line by line (every check of a single save, nothing stored),
 * then imported. Each line is an upsert by VK user id, so importing a file again changes nobody twice and
 * creates no duplicates; a broken line is reported and the others go on.
 */
@ApplicationScoped
public class MemberImport {

    /** What happened to one line: VALID (preview), SAVED, or ERROR with the reason. */
    public record LineResult(int line, Long vkUserId, String employeeId, String status, String error) {
    }

    public record Report(boolean preview, int lines, int valid, int saved, int errors, List<LineResult> results) {
    }

    private final MemberDirectory directory;

    public MemberImport(MemberDirectory directory) {
        this.directory = directory;
    }

    public Uni<Report> run(String csv, boolean preview) {
        return Multi.createFrom().iterable(MembersCsv.parse(csv))
                .onItem().transformToUniAndConcatenate(line -> handle(line, preview))
                .collect().asList()
                .map(results -> {
                    int errors = (int) results.stream().filter(r -> r.error() != null).count();
                    int saved = (int) results.stream().filter(r -> "SAVED".equals(r.status())).count();
                    return new Report(preview, results.size(), results.size() - errors, saved, errors,
                            List.copyOf(results));
                });
    }

    private Uni<LineResult> handle(MembersCsv.Line line, boolean preview) {
        if (!line.valid()) {
            return Uni.createFrom().item(result(line, "ERROR", line.error()));
        }
        Uni<?> step = preview
                ? directory.check(line.vkUserId(), line.employeeId(), line.timeZone())
                : directory.save(line.vkUserId(), line.employeeId(), line.fullName(), line.department(),
                        line.audience(), line.timeZone());
        return step.replaceWith(result(line, preview ? "VALID" : "SAVED", null))
                .onFailure(InvalidMemberException.class)
                .recoverWithItem(e -> result(line, "ERROR", ((InvalidMemberException) e).field() + ": " + e.getMessage()));
    }

    private static LineResult result(MembersCsv.Line line, String status, String error) {
        return new LineResult(line.number(), line.vkUserId(), line.employeeId(), status, error);
    }
}
