package ru.vklad.ledger.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.ledger.persistence.LedgerAudit;

@Path("/api/ledger/check")
@Tag(name = "Invariants")
public class CheckResource {

    private final LedgerAudit audit;

    public CheckResource(LedgerAudit audit) {
        this.audit = audit;
    }

    public record CheckResult(boolean ok, List<LedgerAudit.Violation> violations) {
    }

    @GET
    @RolesAllowed("hr-admin")
    @Operation(summary = "Prove the ledger's invariants over the whole journal",
            description = "Every entry balanced, all postings summing to zero, member balances equal to their postings, "
                    + "no negative member account or pending points, every redemption recorded as posted, redemption "
                    + "clearing equal to the redemptions not yet settled or failed, no event left in the outbox.")
    public Uni<CheckResult> check() {
        return audit.check().map(violations -> new CheckResult(violations.isEmpty(), violations));
    }
}
