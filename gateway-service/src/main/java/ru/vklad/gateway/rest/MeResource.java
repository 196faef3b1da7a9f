package ru.vklad.gateway.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.service.MemberDirectory;
import ru.vklad.gateway.service.MemberNotFoundException;
import ru.vklad.gateway.service.SelfService;

/**
 * An employee's own data: who they are in the directory, their consent, their erasure and redemptions. The member
 * is the token's {@code vk_user_id} claim (a Keycloak user attribute only admins edit). Balance, statement and
 * rank are the ledger's and analytics' own endpoints through the gateway, which check the same claim:
 * {@code /api/ledger/members/{me}/balance}, {@code .../statement}, {@code /api/analytics/leaderboard/members/{me}}.
 */
@Path("/api/me")
@Tag(name = "My data", description = "Self-service for employees: only their own data")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(Roles.EMPLOYEE)
public class MeResource {

    private final MemberDirectory directory;
    private final SelfService self;
    private final SecurityIdentity identity;

    public MeResource(MemberDirectory directory, SelfService self, SecurityIdentity identity) {
        this.directory = directory;
        this.self = self;
        this.identity = identity;
    }

    public record RedemptionRequest(@Schema(examples = "500", description = "At least the ledger's minimum (100)")
                                    @NotNull @Positive @Max(100_000_000) Long points) {
    }

    public record RedemptionAccepted(String commandId, long vkUserId, long points) {
    }

    @GET
    @Operation(summary = "My entry in the members directory")
    public Uni<MemberView> entry() {
        long me = myVkUserId();
        return directory.find(me).map(member -> {
            if (member == null) {
                throw new MemberNotFoundException(me);
            }
            return MemberView.of(member);
        });
    }

    @PUT
    @Path("/consent")
    @Operation(summary = "Give or withdraw my consent to my VK activity being counted",
            description = "Withdrawal stops earning at once; given again, earning resumes from then on.")
    public Uni<MemberView> consent(@Valid @NotNull ConsentRequest request) {
        return directory.setConsent(myVkUserId(), request.given()).map(MemberView::of);
    }

    @DELETE
    @Operation(summary = "Erase me (152-FZ)", description = "As HR's erasure: the directory and analytics forget me, "
            + "the ledger keeps its balanced entries. 204.")
    public Uni<Void> erase() {
        return directory.erase(myVkUserId());
    }

    @POST
    @Path("/redemptions")
    @Operation(summary = "Redeem my points into the Spasibo program",
            description = "202 with the command id; the ledger checks the minimum and the points available, and the "
                    + "result shows in my balance and statement and comes as a VK message. A retry with the same "
                    + "Idempotency-Key redeems once.")
    public Uni<Response> redeem(@Parameter(example = "redemption-2026-11-23-0007") @HeaderParam("Idempotency-Key")
                                @NotBlank @Size(max = 100) String idempotencyKey,
                                @Valid @NotNull RedemptionRequest request) {
        long me = myVkUserId();
        return self.redeem(me, request.points(), idempotencyKey).map(commandId -> Response.accepted(
                new RedemptionAccepted(commandId, me, request.points()))
                .location(URI.create("/api/ledger/members/" + me + "/statement")).build());
    }

    private long myVkUserId() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.containsClaim("vk_user_id")) {
            try {
                return Long.parseLong(String.valueOf((Object) token.getClaim("vk_user_id")));
            } catch (NumberFormatException e) {
                // falls through to the refusal below
            }
        }
        throw new ForbiddenException("your account is not linked to a VK user (no vk_user_id in the token)");
    }
}
