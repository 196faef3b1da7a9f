package ru.vklad.analytics.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.PointsReadModel;
import ru.vklad.analytics.service.DepartmentStats;

@Path("/api/analytics/departments")
@Tag(name = "Departments")
public class DepartmentResource {

    private final PointsReadModel points;

    public DepartmentResource(PointsReadModel points) {
        this.points = points;
    }

    public record Departments(@Schema(examples = "2026-11-01") LocalDate from,
                              @Schema(examples = "2026-11-30") LocalDate to, List<DepartmentStats> departments) {
    }

    @GET
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "Participation per department in a range of days: members, active members, rate, points "
            + "(all and from activity), points per capita")
    public Uni<Departments> departments(@Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
                                        @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to) {
        return points.departments(Periods.of(from, to)).map(stats -> new Departments(from, to, stats));
    }
}
