package ru.vklad.gateway.rest;

import java.net.URI;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.persistence.ManualAward;
import ru.vklad.gateway.service.AwardDesk;
import ru.vklad.gateway.service.ProjectAwardImport;

@Path("/api/awards")
@Tag(name = "Manual awards", description = "Approved ideas, finished projects, contest wins and other awards by HR")
@SecurityRequirement(name = "SecurityScheme")
public class AwardResource {

    private final AwardDesk desk;
    private final ProjectAwardImport projects;

    public AwardResource(AwardDesk desk, ProjectAwardImport projects) {
        this.desk = desk;
        this.projects = projects;
    }

    public record AwardRequest(
            @Schema(examples = "51200901") @NotNull @Positive Long vkUserId,
            @Schema(examples = "contest_win", enumeration = {"approved_idea", "finished_project", "contest_win",
                    "other"}) @NotBlank String rule,
            @Schema(examples = "200") @NotNull @Positive Long points,
            @Schema(examples = "за победу в конкурсе «Лучший наставник года»") @NotBlank @Size(max = 500)
            String reason) {
    }

    /** A submitted award and, once the ledger has answered, its outcome. */
    public record AwardView(
            @Schema(examples = "3f2b8c1e-6d4a-4e7b-9a51-2c0d8e7f4b12") String commandId,
            @Schema(examples = "51200901") long vkUserId,
            @Schema(examples = "contest_win") String rule,
            @Schema(examples = "1") int ruleVersion,
            @Schema(examples = "200") long points,
            @Schema(examples = "за победу в конкурсе «Лучший наставник года»") String reason,
            @Schema(examples = "hr.admin") String requestedBy,
            @Schema(examples = "2026-11-23T09:15:00Z") Instant requestedAt,
            @Schema(enumeration = {"SUBMITTED", "POSTED", "HELD", "DUPLICATE", "REJECTED"}) String status,
            @Schema(examples = "idempotency key manual:award-2026-11-23-0042 was already used by a different command "
                    + "(entry 88412)", description = "Why the ledger rejected it; absent otherwise") String outcome,
            @Schema(examples = "88413", description = "The ledger entry posted or held") Long entryId,
            @Schema(examples = "2026-11-23T09:15:02Z") Instant decidedAt) {

        static AwardView of(ManualAward a) {
            return new AwardView(a.commandId, a.memberVkId, a.ruleId, a.ruleVersion, a.points, a.reason,
                    a.requestedBy, a.requestedAt, a.status, a.outcome, a.entryId, a.decidedAt);
        }
    }

    @POST
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Award a member by hand",
            description = "Answers 202 with the command; GET /api/awards/{commandId} shows the ledger's outcome. "
                    + "Repeat a request with the same Idempotency-Key to be sure it was received: it is one award.")
    public Uni<Response> award(@Parameter(example = "award-2026-11-23-0042") @HeaderParam("Idempotency-Key")
                               @NotBlank @Size(max = 100) String idempotencyKey,
                               @Valid @NotNull AwardRequest request, @Context SecurityContext caller) {
        return desk.submit(new AwardDesk.Request(request.vkUserId(), request.rule(), request.points(),
                        request.reason()), idempotencyKey, caller.getUserPrincipal().getName())
                .map(award -> Response.accepted(AwardView.of(award))
                        .location(URI.create("/api/awards/" + award.commandId)).build());
    }

    @GET
    @Path("/{commandId}")
    @RolesAllowed({Roles.HR_ADMIN, Roles.HR_ANALYST})
    @Operation(summary = "A manual award and the ledger's outcome")
    public Uni<AwardView> get(@Parameter(example = "3f2b8c1e-6d4a-4e7b-9a51-2c0d8e7f4b12") @PathParam("commandId")
                                String commandId) {
        return Panache.withSession(() -> ManualAward.<ManualAward>findById(commandId)).map(award -> {
            if (award == null) {
                throw new NotFoundException("No manual award " + commandId);
            }
            return AwardView.of(award);
        });
    }

    @POST
    @Path("/projects")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Award finished projects from the CRM's CSV export",
            description = "Lines of employee_id,project,points (an optional header line; comma or semicolon). "
                    + "preview=true checks every line and submits nothing; then send the same file without it. "
                    + "Each line is keyed by employee and project: importing a file again awards nobody twice.")
    public Uni<ProjectAwardImport.Report> projects(
            @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                    mediaType = "text/csv", example = "employee_id,project,points\nE-10234,Переезд склада,300\n"))
            @NotBlank @Size(max = 1_000_000) String csv,
            @QueryParam("preview") @DefaultValue("false") boolean preview, @Context SecurityContext caller) {
        return projects.run(csv, preview, caller.getUserPrincipal().getName());
    }
}
