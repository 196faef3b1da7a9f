package ru.vklad.gateway.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.EarningRuleChanged;
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

    public record RuleView(@Schema(examples = "like") String ruleId,
                           @Schema(examples = "3") int version,
                           @Schema(examples = "Отметка «Мне нравится»") String title,
                           @Schema(examples = "2") long points,
                           @Schema(examples = "1") long minPoints,
                           @Schema(examples = "5") long maxPoints,
                           @Schema(examples = "2026-11-24T00:00:00Z") Instant effectiveFrom,
                           @Schema(description = "Caps per member for a rule counted from VK activity; absent for "
                                   + "a rule HR awards by hand") Limits limits,
                           @Schema(description = "Caps that differ in a community, by its VK group id; every other "
                                   + "community has `limits`") Map<Long, Limits> communities) {

        static RuleView of(EarningRule r) {
            Map<Long, Limits> communities = new TreeMap<>();
            r.communityLimits.forEach((community, caps) -> communities.put(community,
                    new Limits(caps.perDay, caps.perWeek, caps.cooldownSeconds)));
            return new RuleView(r.ruleId, r.version, r.title, r.points, r.minPoints, r.maxPoints, r.effectiveFrom,
                    r.capped() ? new Limits(r.perDay, r.perWeek, r.cooldownSeconds) : null, communities);
        }
    }

    public record Limits(@Schema(description = "Awards per company day, 0: no cap", examples = "50") int perDay,
                         @Schema(description = "Awards per ISO week, 0: no cap", examples = "200") int perWeek,
                         @Schema(description = "Least seconds between two awards", examples = "0")
                         long cooldownSeconds) {
    }

    /** Caps of one community: all three, since they replace the rule's there. */
    public record CommunityCaps(@Schema(examples = "10") @NotNull @PositiveOrZero Integer perDay,
                                @Schema(examples = "30") @NotNull @PositiveOrZero Integer perWeek,
                                @Schema(examples = "60") @NotNull @PositiveOrZero Long cooldownSeconds) {
    }

    public record RuleChange(@Schema(examples = "2") @Positive Long points,
                             @Schema(description = "Awards per member and company day, 0: no cap", examples = "50")
                             @PositiveOrZero Integer perDay,
                             @Schema(description = "Awards per member and ISO week, 0: no cap", examples = "200")
                             @PositiveOrZero Integer perWeek,
                             @Schema(description = "Least seconds between two awards of a member", examples = "0")
                             @PositiveOrZero Long cooldownSeconds,
                             @Schema(description = "Caps that differ by community (VK group id → caps): the whole "
                                     + "set, replacing the previous one; {} removes them; omitted: unchanged",
                                     examples = "{\"229000002\": {\"perDay\": 10, \"perWeek\": 30, "
                                             + "\"cooldownSeconds\": 60}}")
                             Map<@Positive Long, @Valid @NotNull CommunityCaps> communities,
                             @Schema(description = "From when it applies; now when omitted, never in the past",
                                     examples = "2026-12-01T00:00:00Z")
                             Instant effectiveFrom) {

        RuleRevision revision() {
            Map<Long, EarningRuleChanged.Limits> byCommunity = new TreeMap<>();
            if (communities != null) {
                communities.forEach((community, caps) -> byCommunity.put(community,
                        new EarningRuleChanged.Limits(caps.perDay(), caps.perWeek(), caps.cooldownSeconds())));
            }
            return new RuleRevision(points, perDay, perWeek, cooldownSeconds, communities == null ? null : byCommunity,
                    effectiveFrom);
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
            description = "Adds a version: points within the rule's range, caps for a rule counted from VK activity "
                    + "(and caps that differ by community); what is omitted stays. Actions before its effective "
                    + "time keep earning under the earlier version.")
    public Uni<RuleView> change(@Parameter(example = "substantive_comment") @PathParam("ruleId") String ruleId,
                                @Valid @NotNull RuleChange change,
                                @Context SecurityContext caller) {
        return book.change(ruleId, change.revision(), caller.getUserPrincipal().getName()).map(RuleView::of);
    }
}
