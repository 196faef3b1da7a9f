package ru.vklad.ledger.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who may read one member's data: HR sees every member, an employee only themselves, as the token's
 * {@code vk_user_id} claim (set by Keycloak from the user's attribute, which only admins edit) says.
 */
@ApplicationScoped
public class OwnData {

    public static final String EMPLOYEE = "employee";
    static final String CLAIM = "vk_user_id";

    private final SecurityIdentity identity;

    public OwnData(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** @throws ForbiddenException unless the caller is HR or the member */
    public void require(long vkUserId) {
        if (identity.hasRole("hr-admin") || identity.hasRole("hr-analyst")) {
            return;
        }
        if (identity.getPrincipal() instanceof JsonWebToken token && token.containsClaim(CLAIM)
                && String.valueOf(vkUserId).equals(String.valueOf((Object) token.getClaim(CLAIM)))) {
            return;
        }
        throw new ForbiddenException("an employee may see only their own data");
    }
}
