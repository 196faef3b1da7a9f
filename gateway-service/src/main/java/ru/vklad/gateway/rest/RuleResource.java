package ru.vklad.gateway.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.persistence.EarningRule;
import ru.vklad.gateway.service.RuleBook;

@Path("/api/rules")
@Tag(name = "Earning rules", description = "What every action earns: transparent to everyone, changed by HR within ranges")
@SecurityRequirement(name = "SecurityScheme")
public class RuleResource {

    private final RuleBook book;

    public RuleResource(RuleBook book) {
        this.book = book;
    }

    public record RuleView(String ruleId, int version, String title, long points, long minPoints, long maxPoints,
                           Instant effectiveFrom) {

        static RuleView of(EarningRule r) {
            return new RuleView(r.ruleId, r.version, r.title, r.points, r.minPoints, r.maxPoints, r.effectiveFrom);
        }
    }

    public record RuleChange(@Schema(examples = "2") @NotNull @Positive Long points,
                             @Schema(description = "From when it applies; now when omitted, never in the past")
                             Instant effectiveFrom) {
    }

    @GET
    @RolesAllowed({Roles.HR_ADMIN, Roles.HR_ANALYST, Roles.EMPLOYEE})
    @Operation(summary = "The earning rules in force now")
    public Uni<List<RuleView>> inForce() {
        return book.inForce().map(rules -> rules.stream().map(RuleView::of).toList());
    }

    @PUT
    @Path("/{ruleId}")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Change what a rule earns, from now or a later moment",
            description = "Adds a version within the rule's range; actions before its effective time keep earning under the earlier version.")
    public Uni<RuleView> change(@PathParam("ruleId") String ruleId, @Valid RuleChange change,
                                @Context SecurityContext caller) {
        return book.change(ruleId, change.points(), change.effectiveFrom(), caller.getUserPrincipal().getName())
                .map(RuleView::of);
    }
}
