package ru.vklad.gateway.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vklad.gateway")
public interface GatewayConfig {

    /** The version of the consent text employees currently agree to; recorded with every consent. */
    @WithDefault("2026-11")
    String consentTextVersion();

    /** Time zone of members imported without one: quiet hours and digests use it. */
    @WithDefault("Europe/Moscow")
    String defaultTimeZone();

    /**
     * The realm URL as browsers reach it (Swagger UI's login), when it differs from {@code quarkus.oidc.auth-server-url}
     * (the services reach Keycloak inside the cluster). Read by {@code LoginServerFilter}.
     */
    Optional<String> loginServerUrl();
}
