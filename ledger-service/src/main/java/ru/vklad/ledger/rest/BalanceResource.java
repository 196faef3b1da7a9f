package ru.vklad.ledger.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.ledger.persistence.LedgerQueries;

@Path("/api/ledger/members/{vkUserId}")
@Tag(name = "Balances")
@RolesAllowed({"hr-admin", "hr-analyst", OwnData.EMPLOYEE})
public class BalanceResource {

    private final LedgerQueries queries;
    private final OwnData own;

    public BalanceResource(LedgerQueries queries, OwnData own) {
        this.queries = queries;
        this.own = own;
    }

    public record Balance(@Schema(examples = "51200901") long vkUserId,
                          @Schema(examples = "1250") long available,
                          @Schema(examples = "10") long pending,
                          @Schema(examples = "2026-11-01T00:00:00Z") Instant at) {
    }

    public record Statement(@Schema(examples = "51200901") long vkUserId,
                            List<LedgerQueries.StatementLine> lines,
                            @Schema(examples = "10433") Long nextBefore) {
    }

    @GET
    @Path("balance")
    @Operation(summary = "A member's balance: available (spendable) and pending (held for HR approval); HR, or the member",
            description = "Now, or as of `at` (ISO-8601 instant): the sum of the postings of the entries posted until then.")
    public Uni<Balance> balance(@Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId,
                                @QueryParam("at") @Parameter(description = "e.g. 2026-11-01T00:00:00Z",
                                        example = "2026-11-01T00:00:00Z") Instant at) {
        own.require(vkUserId);
        return queries.balance(vkUserId, at)
                .map(balance -> new Balance(vkUserId, balance.available(), balance.pending(), at));
    }

    @GET
    @Path("statement")
    @Operation(summary = "A member's entries, newest first; HR, or the member",
            description = "Keyset pagination: pass the previous page's `nextBefore` as `before`; absent on the last page.")
    public Uni<Statement> statement(@Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId,
                                    @Parameter(example = "10433") @QueryParam("before") @Positive Long before,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        own.require(vkUserId);
        return queries.statement(vkUserId, before, limit).map(lines -> new Statement(vkUserId, lines,
                lines.size() == limit ? lines.get(lines.size() - 1).entryId() : null));
    }
}
