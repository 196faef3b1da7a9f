package ru.vklad.gateway.client;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** The analytics API: {@code quarkus.rest-client.analytics.url}. */
@RegisterRestClient(configKey = "analytics")
@AccessToken
@Path("/api/analytics")
public interface AnalyticsApi extends DownstreamApi {
}
