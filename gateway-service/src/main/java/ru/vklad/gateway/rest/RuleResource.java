package ru.vklad.gateway.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
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
import ru.vklad.gateway.service.RuleRevision;

@Path("/api/rules")
@Tag(name = "Earning rules", description = "What every action earns: transparent to everyone, changed by HR within ranges")
@SecurityRequirement(name = "SecurityScheme")
public class RuleResource {

    private final RuleBook book;

    public RuleResource(RuleBook book) {
        this.book = book;
    }

    public record RuleView(String ruleId, int version, String title, long points, long minPoints, long maxPoints,
                           Instant effectiveFrom,
                           @Schema(description = "Caps per member for a rule counted from VK activity; absent for "
                                   + "a rule HR awards by hand") Limits limits) {

        static RuleView of(EarningRule r) {
            return new RuleView(r.ruleId, r.version, r.title, r.points, r.minPoints, r.maxPoints, r.effectiveFrom,
                    r.capped() ? new Limits(r.perDay, r.perWeek, r.cooldownSeconds) : null);
        }
    }

    public record Limits(@Schema(description = "Awards per company day, 0: no cap") int perDay,
                         @Schema(description = "Awards per ISO week, 0: no cap") int perWeek,
                         @Schema(description = "Least time between two awards") long cooldownSeconds) {
    }

    public record RuleChange(@Schema(examples = "2") @Positive Long points,
                             @Schema(description = "Awards per member and company day, 0: no cap") @PositiveOrZero
                             Integer perDay,
                             @Schema(description = "Awards per member and ISO week, 0: no cap") @PositiveOrZero
                             Integer perWeek,
                             @Schema(description = "Least seconds between two awards of a member") @PositiveOrZero
                             Long cooldownSeconds,
                             @Schema(description = "From when it applies; now when omitted, never in the past")
                             Instant effectiveFrom) {

        RuleRevision revision() {
            return new RuleRevision(points, perDay, perWeek, cooldownSeconds, effectiveFrom);
        }
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
    @Operation(summary = "Change what a rule earns or how often, from now or a later moment",
            description = "Adds a version: points within the rule's range, caps for a rule counted from VK activity; "
                    + "what is omitted stays. Actions before its effective time keep earning under the earlier version.")
    public Uni<RuleView> change(@PathParam("ruleId") String ruleId, @Valid @NotNull RuleChange change,
                                @Context SecurityContext caller) {
        return book.change(ruleId, change.revision(), caller.getUserPrincipal().getName()).map(RuleView::of);
    }
}
