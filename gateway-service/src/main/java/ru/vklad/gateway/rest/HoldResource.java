package ru.vklad.gateway.rest;

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
}
