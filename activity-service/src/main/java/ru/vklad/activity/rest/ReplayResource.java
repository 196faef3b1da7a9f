package ru.vklad.activity.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ru.vklad.activity.config.ReplayConfig;
import ru.vklad.activity.messaging.CallbackReplay;

/**
 * The replay command for operators (not exposed by the ingress; reach it with {@code kubectl port-forward}): see the
 * README's "Replaying VK callbacks".
 */
@Path("/admin/replay")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

    static final String TOKEN_HEADER = "X-Replay-Token";

    private final CallbackReplay replay;
    private final ReplayConfig config;

    public ReplayResource(CallbackReplay replay, ReplayConfig config) {
        this.replay = replay;
        this.config = config;
    }

    @POST
    @Operation(summary = "Replay retained VK callbacks from a time on",
            description = "Rebuilds activities from vk-callbacks (kept 14 days) without awarding anyone twice. 202 "
                    + "with the replay's progress at its Location; 409 while another replay runs; 404 when replay "
                    + "is off (vklad.replay.token unset); 403 for a wrong token.")
    public Response start(@HeaderParam(TOKEN_HEADER) String token,
                          @Parameter(example = "2026-11-20T00:00:00Z") @QueryParam("from") String from,
                          @Parameter(description = "Exclusive; all retained callbacks when omitted",
                                  example = "2026-11-21T00:00:00Z") @QueryParam("to") String to) {
        Response refused = refusal(token);
        if (refused != null) {
            return refused;
        }
        Instant start;
        Instant end;
        try {
            start = instant(from);
        } catch (DateTimeParseException e) {
            return problem(Response.Status.BAD_REQUEST, "from: not an ISO-8601 instant: " + from);
        }
        try {
            end = instant(to);
        } catch (DateTimeParseException e) {
            return problem(Response.Status.BAD_REQUEST, "to: not an ISO-8601 instant: " + to);
        }
        if (start == null) {
            return problem(Response.Status.BAD_REQUEST, "from: required, an ISO-8601 instant such as "
                    + "2026-11-20T00:00:00Z");
        }
        if (end != null && !end.isAfter(start)) {
            return problem(Response.Status.BAD_REQUEST, "to: must be after from");
        }
        try {
            CallbackReplay.Progress started = replay.start(start, end);
            return Response.accepted(started).location(URI.create("/admin/replay/" + started.id())).build();
        } catch (CallbackReplay.AlreadyRunning e) {
            return problem(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A replay's progress")
    public Response progress(@HeaderParam(TOKEN_HEADER) String token,
                             @Parameter(example = "0b6f7c1e-3f0a-4a55-9a37-5c1f4f2d8e11") @PathParam("id") String id) {
        Response refused = refusal(token);
        if (refused != null) {
            return refused;
        }
        return replay.progress(id).map(p -> Response.ok(p).build())
                .orElseGet(() -> problem(Response.Status.NOT_FOUND, "no replay " + id));
    }

    private Response refusal(String token) {
        if (config.token().isEmpty()) {
            return problem(Response.Status.NOT_FOUND, "replay is off: set vklad.replay.token");
        }
        boolean matches = token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                config.token().get().getBytes(StandardCharsets.UTF_8));
        return matches ? null : problem(Response.Status.FORBIDDEN, "missing or wrong " + TOKEN_HEADER);
    }

    private static Instant instant(String value) {
        return value == null || value.isBlank() ? null : Instant.parse(value.strip());
    }

    private static Response problem(Response.Status status, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail)).build();
    }

    public record Problem(String type, String title, int status, String detail) {
    }
}
