package ru.vklad.devstack.test;

import ru.vklad.devstack.OidcTokens;

/** Real access tokens from the build's Keycloak for the demo users. */
public final class KeycloakTokens {

    private KeycloakTokens() {
    }

    public static String accessToken(String username, String password) {
        return OidcTokens.password(SharedStack.endpoints().realmUrl(), username, password);
    }
}
