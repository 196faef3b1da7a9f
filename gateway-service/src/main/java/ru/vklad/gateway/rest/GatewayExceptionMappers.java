package ru.vklad.gateway.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ru.vklad.gateway.service.InvalidMemberException;
import ru.vklad.gateway.service.MemberConflictException;

public class GatewayExceptionMappers {

    @ServerExceptionMapper
    public Response invalidMember(InvalidMemberException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid member", e.field() + ": " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflictingMember(MemberConflictException e) {
        return Problem.response(Response.Status.CONFLICT, "Member change conflicts with the directory", e.getMessage());
    }
}
