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

    private final IdeaDesk desk;

    public IdeaResource(IdeaDesk desk) {
        this.desk = desk;
    }

    public record IdeaView(String id, long communityId, long authorVkId, String post, String text, Instant postedAt,
                           String status, Long points, String rejectReason, String decidedBy, String awardCommand) {

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
    public Uni<IdeaView> approve(@PathParam("id") String id, @Valid Approval approval, @Context SecurityContext caller) {
        return desk.approve(id, approval.points(), caller.getUserPrincipal().getName()).map(IdeaView::of);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Reject an idea with a reason")
    public Uni<IdeaView> reject(@PathParam("id") String id, @Valid Rejection rejection, @Context SecurityContext caller) {
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
