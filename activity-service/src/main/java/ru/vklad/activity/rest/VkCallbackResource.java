package ru.vklad.activity.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import ru.vklad.activity.service.CallbackIntake;

/** The VK Callback API endpoint configured in each community's settings. */
@Path("/vk/callback")
public class VkCallbackResource {

    private final CallbackIntake intake;

    public VkCallbackResource(CallbackIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Receive one VK Callback API event",
            description = "Answers the community's confirmation string to `confirmation`, and `ok` to every other "
                    + "event once it is durably stored. VK retries anything else.")
    @APIResponse(responseCode = "200", description = "`ok`, or the confirmation string")
    @APIResponse(responseCode = "400", description = "Not a VK Callback API event")
    @APIResponse(responseCode = "403", description = "Unknown community, or missing or wrong secret")
    @APIResponse(responseCode = "413", description = "Body larger than the configured limit")
    @APIResponse(responseCode = "503", description = "The event could not be stored; VK will retry")
    public Uni<String> receive(String body) {
        return intake.accept(body).map(answer -> answer.body());
    }
}
