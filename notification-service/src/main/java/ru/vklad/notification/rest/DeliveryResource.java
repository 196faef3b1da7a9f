package ru.vklad.notification.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.notification.persistence.DeliveryLog;

@Path("/api/notifications/deliveries")
@Tag(name = "Delivery log")
public class DeliveryResource {

    private final DeliveryLog deliveries;

    public DeliveryResource(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @RolesAllowed("hr-admin")
    @Operation(summary = "What was sent (or recorded) to one member, newest first",
            description = "Paged: page from 0, limit per page up to 500.")
    public Uni<List<DeliveryLog.Delivery>> forMember(@Parameter(example = "51200901") @QueryParam("vkUserId")
                                                     @NotNull @Positive Long vkUserId,
                                                     @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                     @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return deliveries.latestFor(vkUserId, page, limit);
    }
}
