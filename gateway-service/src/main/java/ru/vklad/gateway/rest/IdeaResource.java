package ru.vklad.gateway.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.persistence.IdeaCandidate;

@Path("/api/ideas")
@Tag(name = "Ideas", description = "Posts tagged #идея and suggested posts, for HR's decision")
@SecurityRequirement(name = "SecurityScheme")
public class IdeaResource {

    public record IdeaView(String id, long communityId, long authorVkId, String post, String text, Instant postedAt,
                           String status) {

        static IdeaView of(IdeaCandidate idea) {
            return new IdeaView(idea.activityId, idea.communityId, idea.authorVkId, idea.postKey, idea.text,
                    idea.postedAt, idea.status);
        }
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
