package ru.vklad.gateway.rest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ru.vklad.gateway.service.AwardRefusedException;
import ru.vklad.gateway.service.IdeaDecisionException;
import ru.vklad.gateway.service.InvalidMemberException;
import ru.vklad.gateway.service.MemberConflictException;
import ru.vklad.gateway.service.MemberNotFoundException;
import ru.vklad.gateway.service.RuleChangeException;

/** Every error as RFC 9457 problem+json: a title, the status, a detail that says what to fix, never a stack trace. */
public class GatewayExceptionMappers {

    private static final Logger LOG = Logger.getLogger(GatewayExceptionMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid request",
                errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")), errors);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        Response.Status known = status == null ? Response.Status.INTERNAL_SERVER_ERROR : status;
        return Problem.response(known, known.getReasonPhrase(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; it has been logged.");
    }

    /** Java parameter names of values that travel in HTTP headers, by the header's name. */
    private static final Map<String, String> HEADERS = Map.of("idempotencyKey", "Idempotency-Key");

    /** {@code put.request.employeeId} -> {@code employeeId}: the name the caller sent. */
    private static String field(String path) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        return HEADERS.getOrDefault(name, name);
    }

    @ServerExceptionMapper
    public Response invalidMember(InvalidMemberException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid member", e.field() + ": " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response ideaDecision(IdeaDecisionException e) {
        return switch (e.reason()) {
            case UNKNOWN_IDEA -> Problem.response(Response.Status.NOT_FOUND, "Idea not found", e.getMessage());
            case ALREADY_DECIDED -> Problem.response(Response.Status.CONFLICT, "Idea already decided", e.getMessage());
            case POINTS_OUT_OF_RANGE -> Problem.response(Response.Status.BAD_REQUEST, "Idea decision refused",
                    e.getMessage());
        };
    }

    @ServerExceptionMapper
    public Response ruleChange(RuleChangeException e) {
        return e.unknownRule()
                ? Problem.response(Response.Status.NOT_FOUND, "Earning rule not found", e.getMessage())
                : Problem.response(Response.Status.BAD_REQUEST, "Rule change refused", e.getMessage());
    }

    @ServerExceptionMapper
    public Response awardRefused(AwardRefusedException e) {
        return switch (e.reason()) {
            case INVALID -> Problem.response(Response.Status.BAD_REQUEST, "Award refused",
                    e.field() + ": " + e.getMessage(), List.of(new Problem.FieldError(e.field(), e.getMessage())));
            case UNKNOWN_MEMBER -> Problem.response(Response.Status.NOT_FOUND, "Member not found",
                    e.field() + ": " + e.getMessage(), List.of(new Problem.FieldError(e.field(), e.getMessage())));
            case KEY_REUSED -> Problem.response(422, "Idempotency-Key reused",
                    e.getMessage(), List.of(new Problem.FieldError(e.field(), e.getMessage())));
        };
    }

    @ServerExceptionMapper
    public Response unknownMember(MemberNotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, "Member not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflictingMember(MemberConflictException e) {
        return Problem.response(Response.Status.CONFLICT, "Member change conflicts with the directory", e.getMessage());
    }
}
