package ru.vklad.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.client.AnalyticsApi;
import ru.vklad.gateway.client.LedgerApi;
import ru.vklad.gateway.client.NotificationApi;
import ru.vklad.gateway.service.AuditTrail;

/**
 * The ledger's, analytics' and the notification service's APIs under the gateway's {@code /api}, so HR has one address and one login. Each
 * call carries the caller's own token; the service behind checks it and the caller's roles, and its answer (status,
 * body, problem details, CSV files) comes back unchanged. A service that cannot be reached is a 502/504 problem.
 * These catch-all routes are hidden from the OpenAPI document: it lists each service's own operations instead,
 * from the copies under {@code META-INF/openapi} that the services keep current (see {@code OpenApiSnapshot}).
 */
@Path("/api")
@SecurityRequirement(name = "SecurityScheme")
public class DownstreamResource {

    private static final Logger LOG = Logger.getLogger(DownstreamResource.class);

    private final LedgerApi ledger;
    private final AnalyticsApi analytics;
    private final NotificationApi notification;
    private final AuditTrail audit;

    public DownstreamResource(@RestClient LedgerApi ledger, @RestClient AnalyticsApi analytics,
                              @RestClient NotificationApi notification, AuditTrail audit) {
        this.ledger = ledger;
        this.analytics = analytics;
        this.notification = notification;
        this.audit = audit;
    }

    @GET
    @Path("/ledger/{path: .+}")
    @RolesAllowed({Roles.HR_ADMIN, Roles.HR_ANALYST, Roles.EMPLOYEE})
    @Operation(hidden = true)
    public Uni<Response> ledgerGet(@PathParam("path") @Encoded String path, @Context UriInfo uri,
                                   @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return relay("ledger", ledger.get(path, uri.getQueryParameters(), accept));
    }

    @POST
    @Path("/ledger/{path: .+}")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(hidden = true)
    public Uni<Response> ledgerPost(@PathParam("path") @Encoded String path, @Context UriInfo uri, String body) {
        return audited("ledger", "POST", path, body, relay("ledger", ledger.post(path, uri.getQueryParameters(), body)));
    }

    @PUT
    @Path("/ledger/{path: .+}")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(hidden = true)
    public Uni<Response> ledgerPut(@PathParam("path") @Encoded String path, @Context UriInfo uri, String body) {
        return audited("ledger", "PUT", path, body, relay("ledger", ledger.put(path, uri.getQueryParameters(), body)));
    }

    @GET
    @Path("/analytics/{path: .+}")
    @RolesAllowed({Roles.HR_ADMIN, Roles.HR_ANALYST, Roles.EMPLOYEE})
    @Operation(hidden = true)
    public Uni<Response> analyticsGet(@PathParam("path") @Encoded String path, @Context UriInfo uri,
                                      @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return relay("analytics", analytics.get(path, uri.getQueryParameters(), accept));
    }

    @POST
    @Path("/analytics/{path: .+}")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(hidden = true)
    public Uni<Response> analyticsPost(@PathParam("path") @Encoded String path, @Context UriInfo uri, String body) {
        return audited("analytics", "POST", path, body,
                relay("analytics", analytics.post(path, uri.getQueryParameters(), body)));
    }

    @PUT
    @Path("/analytics/{path: .+}")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(hidden = true)
    public Uni<Response> analyticsPut(@PathParam("path") @Encoded String path, @Context UriInfo uri, String body) {
        return audited("analytics", "PUT", path, body,
                relay("analytics", analytics.put(path, uri.getQueryParameters(), body)));
    }

    @GET
    @Path("/notifications/{path: .+}")
    @RolesAllowed(Roles.HR_ADMIN)
    @Operation(hidden = true)
    public Uni<Response> notificationsGet(@PathParam("path") @Encoded String path, @Context UriInfo uri,
                                          @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return relay("notification", notification.get(path, uri.getQueryParameters(), accept));
    }

    /**
     * A write the service accepted goes to the audit log with what was sent (the service holds the state before:
     * see its own history). A failure to log is logged and the service's answer still returned: the change is made.
     */
    private Uni<Response> audited(String service, String method, String path, String body, Uni<Response> write) {
        return write.call(answer -> answer.getStatus() >= 300 ? Uni.createFrom().voidItem()
                : Panache.withTransaction(() -> audit.record(service + "." + method.toLowerCase(java.util.Locale.ROOT),
                                service + ":" + path, null, body == null || body.isBlank() ? null : body))
                        .onFailure().invoke(e -> LOG.errorf(e, "Could not audit %s %s/%s", method, service, path))
                        .onFailure().recoverWithNull());
    }

    /** The service's answer as it is; its error statuses too, and a problem when it cannot be reached. */
    private static Uni<Response> relay(String service, Uni<Response> call) {
        return call
                .onFailure(WebApplicationException.class).recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .map(DownstreamResource::copy)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("The %s service did not answer: %s", service, e.toString());
                    boolean timeout = e instanceof java.util.concurrent.TimeoutException
                            || e.getCause() instanceof java.util.concurrent.TimeoutException;
                    return Problem.response(timeout ? Response.Status.GATEWAY_TIMEOUT : Response.Status.BAD_GATEWAY,
                            "The " + service + " service is unavailable", "The " + service
                                    + " service did not answer; nothing was changed by the gateway. Try again later.");
                });
    }

    private static Response copy(Response answer) {
        byte[] body = answer.hasEntity() ? answer.readEntity(byte[].class) : null;
        Response.ResponseBuilder copy = Response.status(answer.getStatus()).entity(body);
        if (answer.getMediaType() != null) {
            copy.type(answer.getMediaType());
        }
        for (String header : new String[] {"Content-Disposition", "Location", "WWW-Authenticate"}) {
            String value = answer.getHeaderString(header);
            if (value != null) {
                copy.header(header, value);
            }
        }
        return copy.build();
    }
}
