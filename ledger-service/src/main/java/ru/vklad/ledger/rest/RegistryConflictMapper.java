package ru.vklad.ledger.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ru.vklad.ledger.persistence.PayoutRegistries;

/** A registry closed too early or twice is a conflict with the registry's state, said in words. */
public class RegistryConflictMapper {

    public record Problem(String title, int status, String detail) {
    }

    @ServerExceptionMapper
    public Response conflict(PayoutRegistries.RegistryConflict e) {
        return Response.status(409).type("application/problem+json")
                .entity(new Problem("Conflict", 409, e.getMessage())).build();
    }
}
