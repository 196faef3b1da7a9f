package ru.vklad.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

/**
 * The HTTP API of a service behind the gateway, called with the caller's own bearer token (propagated by each
 * subinterface's {@code @AccessToken}), so the service checks the caller's roles itself.
 */
public interface DownstreamApi {

    @GET
    @Path("/{path}")
    Uni<Response> get(@PathParam("path") @Encoded String path, @RestQuery MultivaluedMap<String, String> query,
                      @HeaderParam(HttpHeaders.ACCEPT) String accept);

    @POST
    @Path("/{path}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> post(@PathParam("path") @Encoded String path, @RestQuery MultivaluedMap<String, String> query,
                       String body);

    @PUT
    @Path("/{path}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> put(@PathParam("path") @Encoded String path, @RestQuery MultivaluedMap<String, String> query,
                      String body);
}
