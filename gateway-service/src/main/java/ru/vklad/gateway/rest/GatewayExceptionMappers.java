package ru.vklad.gateway.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ru.vklad.gateway.service.InvalidMemberException;
import ru.vklad.gateway.service.MemberConflictException;
import ru.vklad.gateway.service.MemberNotFoundException;

public class GatewayExceptionMappers {

    @ServerExceptionMapper
    public Response invalidMember(InvalidMemberException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid member", e.field() + ": " + e.getMessage());
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
