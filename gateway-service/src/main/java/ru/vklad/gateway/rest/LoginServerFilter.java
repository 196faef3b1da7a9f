package ru.vklad.gateway.rest;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Points Swagger UI's "Authorize" at the Keycloak that browsers reach. The security scheme is written at build
 * time, when only the build's Keycloak address is known; a cluster's public login host is known at startup.
 * Runs once at startup; filters are not CDI beans, hence the config lookup.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class LoginServerFilter implements OASFilter {

    static final String SCHEME = "SecurityScheme";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null) {
            return;
        }
        SecurityScheme scheme = openAPI.getComponents().getSecuritySchemes().get(SCHEME);
        if (scheme != null) {
            scheme.setOpenIdConnectUrl(loginServerUrl() + "/.well-known/openid-configuration");
        }
    }

    private static String loginServerUrl() {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("vklad.gateway.login-server-url", String.class)
                .orElseGet(() -> config.getValue("quarkus.oidc.auth-server-url", String.class))
                .replaceAll("/+$", "");
    }
}
