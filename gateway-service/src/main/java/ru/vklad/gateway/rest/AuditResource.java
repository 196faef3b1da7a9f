package ru.vklad.gateway.rest;

import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.persistence.AuditEntry;

@Path("/api/audit")
@Tag(name = "Audit", description = "Every HR write: who, from which client, what, when, before and after")
@SecurityRequirement(name = "SecurityScheme")
public class AuditResource {

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema COLUMNS = CsvSchema.builder().addColumn("id").addColumn("at").addColumn("actor")
            .addColumn("client").addColumn("action").addColumn("target").addColumn("before").addColumn("after")
            .build().withHeader().withLineSeparator("\r\n");

    public record AuditView(
            @Schema(examples = "10482") long id,
            @Schema(examples = "2026-11-23T09:15:00Z") Instant at,
            @Schema(examples = "hr.admin", description = "The Keycloak user") String actor,
            @Schema(examples = "vklad-dashboard", description = "The OIDC client the user called from (azp)")
            String client,
            @Schema(examples = "member.save") String action,
            @Schema(examples = "member:51200901") String target,
            @Schema(examples = "{\"vkUserId\":51200901,\"employeeId\":\"E-10234\",\"fullName\":\"Иван Петров\","
                    + "\"department\":\"ИТ\",\"audience\":\"employees\",\"timeZone\":\"Europe/Moscow\","
                    + "\"consentGiven\":true,\"consentVersion\":\"2026-11\",\"updatedAt\":\"2026-11-20T08:02:11Z\"}",
                    description = "The state before, as JSON; absent for a creation") String before,
            @Schema(examples = "{\"vkUserId\":51200901,\"employeeId\":\"E-10234\",\"fullName\":\"Иван Петров\","
                    + "\"department\":\"Продажи\",\"audience\":\"employees\",\"timeZone\":\"Europe/Moscow\","
                    + "\"consentGiven\":true,\"consentVersion\":\"2026-11\",\"updatedAt\":\"2026-11-23T09:15:00Z\"}",
                    description = "The state after, as JSON (what was sent, for a change relayed to a service)")
            String after) {

        static AuditView of(AuditEntry e) {
            return new AuditView(e.id, e.at, e.actor, e.client, e.action, e.target, e.before, e.after);
        }
    }

    @GET
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "The audit log, newest first, filtered by actor, action prefix and time",
            description = "Paged: page from 0, size up to 500.")
    public Uni<List<AuditView>> list(@Parameter(example = "hr.admin") @QueryParam("actor") String actor,
                                     @Parameter(example = "member.", description = "Actions starting with it")
                                     @QueryParam("action") String action,
                                     @Parameter(example = "2026-11-01T00:00:00Z", description = "From (inclusive)")
                                     @QueryParam("from") Instant from,
                                     @Parameter(example = "2026-12-01T00:00:00Z", description = "To (exclusive)")
                                     @QueryParam("to") Instant to,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return find(actor, action, from, to, Page.of(page, size)).map(entries -> entries.stream().map(AuditView::of)
                .toList());
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv; charset=UTF-8")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "The audit log as CSV (RFC 4180, UTF-8 with a BOM), at most 100,000 entries per file")
    public Uni<Response> export(@Parameter(example = "hr.admin") @QueryParam("actor") String actor,
                                @Parameter(example = "member.", description = "Actions starting with it")
                                @QueryParam("action") String action,
                                @Parameter(example = "2026-11-01T00:00:00Z", description = "From (inclusive)")
                                @QueryParam("from") Instant from,
                                @Parameter(example = "2026-12-01T00:00:00Z", description = "To (exclusive)")
                                @QueryParam("to") Instant to) {
        return find(actor, action, from, to, Page.ofSize(100_000)).map(entries -> {
            StringWriter out = new StringWriter().append('\uFEFF');
            try (SequenceWriter rows = CSV.writer(COLUMNS).writeValues(out)) {
                for (AuditEntry e : entries) {
                    rows.write(new Object[] {e.id, e.at.toString(), asText(e.actor), asText(e.client),
                            asText(e.action), asText(e.target), asText(e.before), asText(e.after)});
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot write the audit export", e);
            }
            return Response.ok(out.toString())
                    .header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
        });
    }

    /**
     * Text a spreadsheet would take for a formula (starting with =, +, -, @, a tab or a carriage return: a user named
     * "=HYPERLINK(…)") goes behind an apostrophe, which shows it as text. Jackson's CSV writer has no such guard.
     */
    static String asText(String value) {
        return value == null || value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
    }

    private static Uni<List<AuditEntry>> find(String actor, String action, Instant from, Instant to, Page page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (actor != null && !actor.isBlank()) {
            where.append(" and actor = :actor");
            params.put("actor", actor);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action like :action");
            params.put("action", action.replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (from != null) {
            where.append(" and at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and at < :to");
            params.put("to", to);
        }
        return Panache.withSession(() -> AuditEntry.<AuditEntry>find(where.toString(),
                Sort.descending("at", "id"), params).page(page).list());
    }
}
