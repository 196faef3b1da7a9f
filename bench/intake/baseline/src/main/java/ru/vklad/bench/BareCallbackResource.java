package ru.vklad.bench;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The same route as the activity service, doing nothing but answering: what Quarkus alone costs here. */
@Path("/vk/callback")
public class BareCallbackResource {

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String receive(String body) {
        return "ok";
    }
}
