package ru.vklad.ledger.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.ledger.persistence.JournalRepository;
import ru.vklad.ledger.service.AccountCodes;

@Path("/api/ledger/members/{vkUserId}/balance")
@Tag(name = "Balances")
public class BalanceResource {

    private final JournalRepository journal;

    public BalanceResource(JournalRepository journal) {
        this.journal = journal;
    }

    public record Balance(long vkUserId, long available) {
    }

    @GET
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "A member's balance now")
    public Uni<Balance> balance(@PathParam("vkUserId") @Positive long vkUserId) {
        return journal.balance(AccountCodes.member(vkUserId)).map(available -> new Balance(vkUserId, available));
    }
}
