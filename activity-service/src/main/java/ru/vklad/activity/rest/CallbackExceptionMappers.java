package ru.vklad.activity.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ru.vklad.activity.service.CallbackRefusedException;
import ru.vklad.activity.vk.MalformedCallbackException;

/**
 * Plain-text answers for refused callbacks: VK reads the body, so it gets a short reason and never a stack trace.
 */
public class CallbackExceptionMappers {

    private static final Logger LOG = Logger.getLogger(CallbackExceptionMappers.class);

    @ServerExceptionMapper
    public Response malformed(MalformedCallbackException e) {
        LOG.debugf("Malformed callback: %s", e.getMessage());
        return text(Response.Status.BAD_REQUEST, "malformed callback: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(CallbackRefusedException e) {
        LOG.warnf("Refused callback: %s", e.getMessage());
        return text(Response.Status.FORBIDDEN, "forbidden");
    }

    @ServerExceptionMapper
    public Response notStored(org.apache.kafka.common.KafkaException e) {
        LOG.errorf(e, "Callback not stored in Kafka; VK will retry it");
        return text(Response.Status.SERVICE_UNAVAILABLE, "not stored, retry");
    }

    private static Response text(Response.Status status, String body) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(body).build();
    }
}
