package ru.vklad.ledger.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.ledger.persistence.LedgerQueries;

@Path("/api/ledger")
@Tag(name = "Entries")
@RolesAllowed({"hr-admin", "hr-analyst"})
public class EntryResource {

    private final LedgerQueries queries;

    public EntryResource(LedgerQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("entries/{id}")
    @Operation(summary = "One journal entry with its postings")
    public Uni<LedgerQueries.EntryView> entry(@Parameter(example = "10482") @PathParam("id") @Positive long id) {
        return queries.entry(id).map(found -> found.orElseThrow(() -> new NotFoundException("No entry " + id)));
    }

    @GET
    @Path("commands/{commandId}")
    @Operation(summary = "What became of a command: ENTRY_POSTED, COMMAND_DUPLICATE or COMMAND_REJECTED with the reason",
            description = "404 until the ledger has consumed the command.")
    public Uni<LedgerQueries.CommandOutcome> outcome(
            @Parameter(example = "vk:229000001:substantive_comment:51200901:comment:-229000001_3417")
            @PathParam("commandId") @NotBlank String commandId) {
        return queries.outcome(commandId)
                .map(found -> found.orElseThrow(() -> new NotFoundException("No outcome for command " + commandId)));
    }
}
