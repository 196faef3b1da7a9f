package ru.vklad.gateway.client;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** The notification service's delivery log: {@code quarkus.rest-client.notification.url}. */
@RegisterRestClient(configKey = "notification")
@AccessToken
@Path("/api/notifications")
public interface NotificationApi extends DownstreamApi {
}
