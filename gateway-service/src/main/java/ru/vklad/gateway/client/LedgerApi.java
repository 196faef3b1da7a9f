package ru.vklad.gateway.client;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** The ledger's read side and HR operations: {@code quarkus.rest-client.ledger.url}. */
@RegisterRestClient(configKey = "ledger")
@AccessToken
@Path("/api/ledger")
public interface LedgerApi extends DownstreamApi {
}
