package ru.vklad.gateway.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.persistence.IdeaCandidate;
import ru.vklad.gateway.service.IdeaDesk;

@Path("/api/ideas")
@Tag(name = "Ideas", description = "Posts tagged #идея and suggested posts, for HR's decision")
@SecurityRequirement(name = "SecurityScheme")
public class IdeaResource {

    /** An idea candidate's id: the activity's, {@code <community>:<VK event id>}. */
    static final String IDEA_ID = "229000001:5f3c2a9e0d41b7c68e2a9f10b34d7c5e61a08b2f";

    private final IdeaDesk desk;

    public IdeaResource(IdeaDesk desk) {
        this.desk = desk;
    }

    public record IdeaView(
            @Schema(examples = IDEA_ID, description = "The post's activity: <community>:<VK event id>") String id,
            @Schema(examples = "229000001") long communityId,
            @Schema(examples = "51200901") long authorVkId,
            @Schema(examples = "post:-229000001_1342") String post,
            @Schema(examples = "#идея Поставить на складе в Подольске кулер с водой для ночной смены") String text,
            @Schema(examples = "2026-11-20T10:42:00Z") Instant postedAt,
            @Schema(examples = "APPROVED", enumeration = {"PENDING", "APPROVED", "REJECTED"}) String status,
            @Schema(examples = "75", description = "Awarded to the author, once approved") Long points,
            @Schema(examples = "Уже реализовано в прошлом квартале", description = "Once rejected")
            String rejectReason,
            @Schema(examples = "hr.admin") String decidedBy,
            @Schema(examples = "idea:" + IDEA_ID, description = "The ledger command that pays an approved idea")
            String awardCommand) {

        static IdeaView of(IdeaCandidate idea) {
            return new IdeaView(idea.activityId, idea.communityId, idea.authorVkId, idea.postKey, idea.text,
                    idea.postedAt, idea.status, idea.points, idea.rejectReason, idea.decidedBy, idea.awardCommand);
        }
    }

    public record Approval(@Schema(examples = "75") @NotNull @Positive Long points) {
    }

    public record Rejection(@Schema(examples = "Уже реализовано в прошлом квартале") @NotBlank @Size(max = 500)
                            String reason) {
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Approve an idea: its author is awarded points within the approved-idea range")
    public Uni<IdeaView> approve(@Parameter(example = IDEA_ID) @PathParam("id") String id, @Valid Approval approval,
                                 @Context SecurityContext caller) {
        return desk.approve(id, approval.points(), caller.getUserPrincipal().getName()).map(IdeaView::of);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Reject an idea with a reason")
    public Uni<IdeaView> reject(@Parameter(example = IDEA_ID) @PathParam("id") String id, @Valid Rejection rejection,
                                @Context SecurityContext caller) {
        return desk.reject(id, rejection.reason(), caller.getUserPrincipal().getName()).map(IdeaView::of);
    }

    @GET
    @RolesAllowed({Roles.HR_ADMIN, Roles.HR_ANALYST})
    @Operation(summary = "Idea candidates, oldest first", description = "Paged: page from 0, size up to 100.")
    public Uni<List<IdeaView>> list(@QueryParam("status") @DefaultValue("PENDING")
                                    @Pattern(regexp = "PENDING|APPROVED|REJECTED") String status,
                                    @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                    @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return Panache.withSession(() -> IdeaCandidate.<IdeaCandidate>find("status", Sort.by("postedAt"), status)
                .page(Page.of(page, size)).list()).map(ideas -> ideas.stream().map(IdeaView::of).toList());
    }
}
