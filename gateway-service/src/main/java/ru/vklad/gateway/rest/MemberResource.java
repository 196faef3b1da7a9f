package ru.vklad.gateway.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.service.MemberDirectory;
import ru.vklad.gateway.service.MemberImport;
import ru.vklad.gateway.service.MemberNotFoundException;

@Path("/api/members")
@Tag(name = "Members", description = "The members directory: VK account, employee, department, consent")
@SecurityRequirement(name = "SecurityScheme")
public class MemberResource {

    private final MemberDirectory directory;
    private final MemberImport imports;

    public MemberResource(MemberDirectory directory, MemberImport imports) {
        this.directory = directory;
        this.imports = imports;
    }

    @GET
    @RolesAllowed({Roles.HR_ADMIN, Roles.HR_ANALYST})
    @Operation(summary = "The members directory, by name", description = "Paged: page from 0, size up to 500. "
            + "department narrows to one department; q to names or employee ids containing it (any case).")
    public Uni<List<MemberView>> list(
            @Parameter(example = "Продажи") @QueryParam("department") @Size(max = 120) String department,
            @Parameter(example = "петров") @QueryParam("q") @Size(max = 200) String text,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return directory.list(blankToNull(department), blankToNull(text), Page.of(page, size))
                .map(members -> members.stream().map(MemberView::of).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @GET
    @Path("/{vkUserId}")
    @RolesAllowed({Roles.HR_ADMIN, Roles.HR_ANALYST})
    @Operation(summary = "One member by VK user id")
    public Uni<MemberView> get(@Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId) {
        return directory.find(vkUserId).map(member -> {
            if (member == null) {
                throw new MemberNotFoundException(vkUserId);
            }
            return MemberView.of(member);
        });
    }

    @PUT
    @Path("/{vkUserId}")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Create or update a member", description = "Idempotent: the same request twice leaves one member.")
    public Uni<MemberView> put(@Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId,
                               @Valid MemberRequest request) {
        return directory.save(vkUserId, request.employeeId(), request.fullName(), request.department(),
                request.audience(), request.timeZone()).map(MemberView::of);
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Import members from a CSV file",
            description = "Lines of vk_user_id,employee_id,full_name,department[,audience[,time_zone]] (an optional "
                    + "header line; comma or semicolon; UTF-8). preview=true checks every line and saves nothing; "
                    + "then send the same file without it. Each line is an upsert by VK user id: importing again "
                    + "creates no duplicates. Broken lines are reported with their number; the others are imported.")
    public Uni<MemberImport.Report> importCsv(
            @RequestBody(content = @Content(mediaType = "text/csv", example = "vk_user_id,employee_id,full_name,"
                    + "department,audience,time_zone\n51200901,E-10234,Анна Петрова,Продажи,employees,Europe/Moscow\n"))
            @NotBlank @Size(max = 5_000_000) String csv,
            @QueryParam("preview") @DefaultValue("false") boolean preview) {
        return imports.run(csv, preview);
    }

    @DELETE
    @Path("/{vkUserId}")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Erase a member (152-FZ)",
            description = "Removes the member and the idea candidates they wrote from the directory (their manual "
                    + "award commands stay under an anonymous id) and publishes a "
                    + "tombstone on `members`: analytics and notifications forget the person (department and company "
                    + "totals stay right); the ledger keeps its balanced entries under an anonymous id. 204; 404 for "
                    + "an unknown member.")
    public Uni<Void> erase(@Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId) {
        return directory.erase(vkUserId);
    }

    @PUT
    @Path("/{vkUserId}/consent")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(summary = "Record the member's consent to activity tracking, or its withdrawal",
            description = "For consent collected outside Vklad (e.g. signed on paper). Withdrawal stops earning at once.")
    public Uni<MemberView> consent(@Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId,
                                   @Valid ConsentRequest request) {
        return directory.setConsent(vkUserId, request.given()).map(MemberView::of);
    }
}
