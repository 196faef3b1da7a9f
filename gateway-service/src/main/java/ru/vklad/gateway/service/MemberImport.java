package ru.vklad.gateway.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
    @Schema(name = "MemberImportLine")
    public record LineResult(
            @Schema(examples = "3", description = "The line's number in the file, the header being line 1") int line,
            @Schema(examples = "51200901") Long vkUserId,
            @Schema(examples = "E-10234") String employeeId,
            @Schema(examples = "ERROR", enumeration = {"VALID", "SAVED", "ERROR"}) String status,
            @Schema(examples = "timeZone: unknown time zone 'Europe/Moskow'") String error) {
    }

    @Schema(name = "MemberImportReport")
    public record Report(
            boolean preview,
            @Schema(examples = "120", description = "Lines read, the header and blank lines not counted") int lines,
            @Schema(examples = "119") int valid,
            @Schema(examples = "119", description = "Members created or updated; 0 in a preview") int saved,
            @Schema(examples = "1") int errors,
            List<LineResult> results) {
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
