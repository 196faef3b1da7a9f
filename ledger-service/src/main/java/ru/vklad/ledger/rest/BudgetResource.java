package ru.vklad.ledger.rest;

import java.time.YearMonth;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import ru.vklad.ledger.persistence.Budgets;
import ru.vklad.ledger.service.BudgetBook;

@Path("/api/ledger/budgets/{month}")
@Tag(name = "Budgets")
public class BudgetResource {

    private final Budgets budgets;
    private final SecurityIdentity identity;

    public BudgetResource(Budgets budgets, SecurityIdentity identity) {
        this.budgets = budgets;
        this.identity = identity;
    }

    public record Limit(@Schema(examples = "20000") @NotNull @PositiveOrZero Long limit) {
    }

    @GET
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "The month's budgets (YYYY-MM): limits and points issued",
            description = "Department `*` is the overall budget. Issued is the net of points made available to members "
                    + "in the month: awards and approved holds, less reversals.")
    public Uni<List<Budgets.BudgetView>> month(@Parameter(example = "2026-11") @PathParam("month") String month) {
        return budgets.month(Months.parse(month));
    }

    @PUT
    @Path("overall")
    @RolesAllowed("hr-admin")
    @Operation(summary = "Set the month's overall issuance limit",
            description = "An award that would exceed it is held for HR's decision, and a BUDGET_EXCEEDED event published.")
    public Uni<List<Budgets.BudgetView>> setOverall(@Parameter(example = "2026-11") @PathParam("month") String month,
                                                    @Valid @NotNull Limit limit) {
        return set(Months.parse(month), BudgetBook.OVERALL, limit);
    }

    @PUT
    @Path("departments/{department}")
    @RolesAllowed("hr-admin")
    @Operation(summary = "Set a department's issuance limit for the month (departments as in the members directory)")
    public Uni<List<Budgets.BudgetView>> setDepartment(@Parameter(example = "2026-11") @PathParam("month") String month,
                                                       @Parameter(example = "Продажи") @PathParam("department")
                                                       @NotBlank @Size(max = 200) String department,
                                                       @Valid @NotNull Limit limit) {
        if (BudgetBook.OVERALL.equals(department)) {
            throw new BadRequestException("'*' is the overall budget: PUT .../overall");
        }
        return set(Months.parse(month), department, limit);
    }

    private Uni<List<Budgets.BudgetView>> set(YearMonth month, String department, Limit limit) {
        return budgets.set(month, department, limit.limit(), identity.getPrincipal().getName())
                .chain(() -> budgets.month(month));
    }
}
