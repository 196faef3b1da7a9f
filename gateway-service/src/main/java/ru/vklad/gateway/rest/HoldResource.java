package ru.vklad.gateway.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.service.HoldDesk;

@Path("/api/holds/decisions")
@Tag(name = "Held awards", description = "HR's decisions on awards the ledger holds (over a budget, or flagged)")
@SecurityRequirement(name = "SecurityScheme")
public class HoldResource {

    private final HoldDesk desk;

    public HoldResource(HoldDesk desk) {
        this.desk = desk;
    }

    public record DecisionRequest(
            @Schema(description = "The hold's idempotency key, as the ledger lists it (GET /api/ledger/holds)",
                    examples = "manual:2f6c…") @NotBlank @Size(max = 200) String holdKey,
            @Schema(examples = "51200901") @NotNull @Positive Long vkUserId,
            @NotNull HoldDesk.Decision decision,
            @Schema(examples = "бюджет отдела увеличен") @NotBlank @Size(max = 500) String reason) {
    }

    public record Submitted(String commandId) {
    }

    @POST
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Approve or reject a held award",
            description = "Answers 202 with the command id; the ledger's outcome follows on ledger-events and at "
                    + "GET /api/ledger/commands/{commandId}. A hold is decided once.")
    public Uni<Response> decide(@Valid @NotNull DecisionRequest request, @Context SecurityContext caller) {
        return desk.decide(request.holdKey(), request.vkUserId(), request.decision(), request.reason(),
                        caller.getUserPrincipal().getName())
                .map(commandId -> Response.accepted(new Submitted(commandId)).build());
    }

    public record BulkDecision(@NotNull @Size(min = 1, max = 500) List<@Valid @NotNull DecisionRequest> decisions) {
    }

    /** One decision of a bulk request, in request order: its hold and the command that carries it. */
    public record BulkSubmitted(String holdKey, String commandId) {
    }

    @POST
    @Path("/bulk")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Approve or reject up to 500 held awards at once",
            description = "Each decision is published as a single one would be (keyed by its hold, so a hold is decided "
                    + "once even when it appears in two requests); 202 with a command id per decision, in order. The "
                    + "request is checked whole first: one invalid decision refuses all, naming it.")
    public Uni<Response> decideAll(@Valid @NotNull BulkDecision request, @Context SecurityContext caller) {
        String hrUser = caller.getUserPrincipal().getName();
        return Multi.createFrom().iterable(request.decisions())
                .onItem().transformToUniAndConcatenate(d -> desk.decide(d.holdKey(), d.vkUserId(), d.decision(),
                        d.reason(), hrUser).map(commandId -> new BulkSubmitted(d.holdKey(), commandId)))
                .collect().asList()
                .map(submitted -> Response.accepted(submitted).build());
    }
}
