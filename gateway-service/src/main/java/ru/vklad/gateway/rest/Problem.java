package ru.vklad.gateway.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error the gateway answers.
 *
 * @param errors for invalid input: each field at fault and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Response response(Response.Status status, String title, String detail) {
        return response(status, title, detail, null);
    }

    public static Response response(Response.Status status, String title, String detail, List<FieldError> errors) {
        return response(status.getStatusCode(), title, detail, errors);
    }

    /** For statuses JAX-RS has no constant for, such as 422. */
    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }
}
