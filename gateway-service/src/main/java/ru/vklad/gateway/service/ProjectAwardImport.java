package ru.vklad.gateway.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.persistence.MemberRepository;

/**
 * Finished-project awards from the CRM's CSV export: previewed line by line, then submitted. Each line's award is
 * keyed by employee and project, so importing the same file again (or an overlapping one) awards nobody twice.
 */
@ApplicationScoped
public class ProjectAwardImport {

    static final String RULE = "finished_project";

    /** What happened to one line. */
    @Schema(name = "ProjectAwardImportLine")
    public record LineResult(
            @Schema(examples = "2", description = "The line's number in the file, the header being line 1") int line,
            @Schema(examples = "E-10234") String employeeId,
            @Schema(examples = "Переезд склада") String project,
            @Schema(examples = "300") Long points,
            @Schema(examples = "SUBMITTED", enumeration = {"VALID", "SUBMITTED", "ERROR"}) String status,
            @Schema(examples = "3f2b8c1e-6d4a-4e7b-9a51-2c0d8e7f4b12", description = "The award's command, once "
                    + "submitted: GET /api/awards/{commandId}") String commandId,
            @Schema(examples = "no member with employee id E-10871") String error) {
    }

    @Schema(name = "ProjectAwardImportReport")
    public record Report(
            boolean preview,
            @Schema(examples = "12", description = "Lines read, the header and blank lines not counted") int lines,
            @Schema(examples = "11") int valid,
            @Schema(examples = "11", description = "Awards submitted; 0 in a preview") int submitted,
            @Schema(examples = "1") int errors,
            List<LineResult> results) {
    }

    private final MemberRepository members;
    private final AwardDesk desk;

    public ProjectAwardImport(MemberRepository members, AwardDesk desk) {
        this.members = members;
        this.desk = desk;
    }

    public Uni<Report> run(String csv, boolean preview, String hrUser) {
        List<ProjectAwardsCsv.Line> lines = ProjectAwardsCsv.parse(csv);
        return Multi.createFrom().iterable(lines)
                .onItem().transformToUniAndConcatenate(line -> handle(line, preview, hrUser))
                .collect().asList()
                .map(results -> {
                    int errors = (int) results.stream().filter(r -> r.error() != null).count();
                    int submitted = (int) results.stream().filter(r -> "SUBMITTED".equals(r.status())).count();
                    return new Report(preview, results.size(), results.size() - errors, submitted, errors,
                            new ArrayList<>(results));
                });
    }

    private Uni<LineResult> handle(ProjectAwardsCsv.Line line, boolean preview, String hrUser) {
        if (!line.valid()) {
            return Uni.createFrom().item(error(line, line.error()));
        }
        return Panache.withSession(() -> members.findByEmployeeId(line.employeeId())).chain(member -> {
            if (member == null) {
                return Uni.createFrom().item(error(line, "no member with employee id " + line.employeeId()));
            }
            AwardDesk.Request request = new AwardDesk.Request(member.vkUserId, RULE, line.points(),
                    "за завершённый проект «" + line.project() + "»");
            if (preview) {
                return desk.check(request).replaceWith(result(line, "VALID", null))
                        .onFailure(AwardRefusedException.class).recoverWithItem(e -> error(line, e.getMessage()));
            }
            return desk.submit(request, "project:" + line.employeeId() + ":" + line.project(), hrUser)
                    .map(award -> result(line, "SUBMITTED", award.commandId))
                    .onFailure(AwardRefusedException.class).recoverWithItem(e -> error(line, e.getMessage()));
        });
    }

    private static LineResult result(ProjectAwardsCsv.Line line, String status, String commandId) {
        return new LineResult(line.number(), line.employeeId(), line.project(), line.points(), status, commandId, null);
    }

    private static LineResult error(ProjectAwardsCsv.Line line, String error) {
        return new LineResult(line.number(), line.employeeId(), line.project(), line.points(), "ERROR", null, error);
    }
}
