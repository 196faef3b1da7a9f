package ru.vklad.ledger.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.ledger.persistence.Holds;

@Path("/api/ledger/holds")
@Tag(name = "Held awards")
public class HoldResource {

    private final Holds holds;

    public HoldResource(Holds holds) {
        this.holds = holds;
    }

    @GET
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "Held awards waiting for HR's decision, oldest first",
            description = "Approve or reject one with an APPROVE_HELD or REJECT_HELD command naming its idempotency key. "
                    + "Paged by entry id: the next page is after=<the last hold's entryId>.")
    public Uni<List<Holds.WaitingHold>> waiting(
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @Parameter(description = "Only holds whose entry id is greater", example = "10495")
            @QueryParam("after") @DefaultValue("0") @PositiveOrZero long after) {
        return holds.waiting(Instant.now(), after, limit);
    }
}
