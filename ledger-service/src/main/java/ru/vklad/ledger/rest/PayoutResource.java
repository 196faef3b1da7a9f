package ru.vklad.ledger.rest;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.ledger.messaging.OutboxRelay;
import ru.vklad.ledger.persistence.LedgerQueries;
import ru.vklad.ledger.persistence.PayoutRegistries;
import ru.vklad.ledger.service.CommandProcessor;
import ru.vklad.ledger.service.LedgerClock;

@Path("/api/ledger/payouts/{month}")
@Tag(name = "Payouts")
public class PayoutResource {

    private final PayoutRegistries registries;
    private final CommandProcessor processor;
    private final LedgerQueries queries;
    private final OutboxRelay relay;
    private final SecurityIdentity identity;
    private final LedgerClock clock;

    public PayoutResource(PayoutRegistries registries, CommandProcessor processor, LedgerQueries queries,
                          OutboxRelay relay, SecurityIdentity identity, LedgerClock clock) {
        this.registries = registries;
        this.clock = clock;
        this.processor = processor;
        this.queries = queries;
        this.relay = relay;
        this.identity = identity;
    }

    public record PayoutOutcome(@Schema(examples = "FAILED")
                                @NotNull @Pattern(regexp = "SETTLED|FAILED") String outcome,
                                @Schema(examples = "участник не зарегистрирован в программе «Спасибо»")
                                @NotBlank @Size(max = 500) String reason) {
    }

    @POST
    @Path("registry")
    @RolesAllowed("hr-admin")
    @Operation(summary = "Close the month's payout registry (YYYY-MM), once the month is over",
            description = "Lists every redemption of the month exactly once. 409 before the month ends or when closed.")
    public Uni<PayoutRegistries.Registry> close(@Parameter(example = "2026-11") @PathParam("month") String month) {
        return registries.close(Months.parse(month), identity.getPrincipal().getName(), clock.now());
    }

    @GET
    @Path("registry")
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The month's payout registry with its totals and their reconciliation with the ledger")
    public Uni<PayoutRegistries.Registry> registry(@Parameter(example = "2026-11") @PathParam("month") String month) {
        return registries.find(Months.parse(month)).map(found -> found.orElseThrow(() ->
                new NotFoundException("No payout registry for " + month)));
    }

    @GET
    @Path("registry")
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Produces("text/csv")
    @Operation(summary = "The month's payout registry as CSV for the Spasibo program, its last line the totals")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING), example = "entry_id,member_vk_id,points,amount_rub,status\n"
                    + "10533,51200901,500,5.00,SETTLED\n10541,51200917,1200,12.00,PENDING\n"
                    + "TOTAL,2,1700,17.00,RECONCILED\n"))
    public Uni<String> registryCsv(@Parameter(example = "2026-11") @PathParam("month") String month) {
        return registry(month).map(PayoutResource::csv);
    }

    @POST
    @Path("lines/{entryId}")
    @RolesAllowed("hr-admin")
    @Operation(summary = "Record the program's answer for one registry line: SETTLED, or FAILED (points go back)",
            description = "Answers the command's outcome; 409 when the ledger refused it (e.g. already settled).")
    public Uni<Response> decide(@Parameter(example = "2026-11") @PathParam("month") String month,
                                @Parameter(example = "10533") @PathParam("entryId") @Positive long entryId,
                                @Valid @NotNull PayoutOutcome outcome) {
        return registries.line(Months.parse(month), entryId).chain(found -> {
            PayoutRegistries.Line line = found.orElseThrow(() ->
                    new NotFoundException("Redemption " + entryId + " is not in the registry of " + month));
            boolean settled = "SETTLED".equals(outcome.outcome());
            String commandId = "payout-" + entryId + "-" + outcome.outcome().toLowerCase() + "-" + clock.now()
                    .toEpochMilli();
            AwardCommand command = new AwardCommand(commandId,
                    "payout:" + entryId + ":" + outcome.outcome().toLowerCase(),
                    settled ? AwardCommand.Type.SETTLE_PAYOUT : AwardCommand.Type.FAIL_PAYOUT, line.memberVkId(),
                    line.points(), null, 0, outcome.reason(), "ledger:" + identity.getPrincipal().getName(),
                    clock.now(), null, line.redemptionKey());
            return processor.process(List.of(command)).invoke(relay::kick)
                    .chain(() -> queries.outcome(commandId))
                    .map(result -> {
                        LedgerQueries.CommandOutcome answer = result.orElseThrow();
                        return Response.status("COMMAND_REJECTED".equals(answer.outcome()) ? 409 : 200)
                                .entity(answer).build();
                    });
        });
    }

    private static String csv(PayoutRegistries.Registry registry) {
        String lines = registry.lines().stream().map(line -> line.entryId() + "," + line.memberVkId() + ","
                + line.points() + "," + line.amountRub().toPlainString() + "," + line.status())
                .collect(Collectors.joining("\n"));
        return "entry_id,member_vk_id,points,amount_rub,status\n" + (lines.isEmpty() ? "" : lines + "\n")
                + "TOTAL," + registry.totalLines() + "," + registry.totalPoints() + ","
                + registry.totalRub().toPlainString() + "," + (registry.reconciles() ? "RECONCILED" : "MISMATCH") + "\n";
    }
}
