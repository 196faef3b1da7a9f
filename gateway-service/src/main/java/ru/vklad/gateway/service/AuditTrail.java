package ru.vklad.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import ru.vklad.gateway.persistence.AuditEntry;

/**
 * Writes HR's changes to the append-only audit log: the caller (user and OIDC client), the action, its target
 * and the state before and after. Called inside the change's own transaction, so a change is never stored
 * without its entry.
 */
@ApplicationScoped
public class AuditTrail {

    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public AuditTrail(SecurityIdentity identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    /** The state of something now, as JSON: take it before changing the thing. */
    public String snapshot(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record " + state.getClass().getSimpleName() + " in the audit log", e);
        }
    }

    /** @param before a {@link #snapshot} taken before the change, or null for a creation */
    public Uni<Void> record(String action, String target, String before, Object after) {
        AuditEntry entry = new AuditEntry();
        entry.at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        entry.actor = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        entry.client = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim("azp") : null;
        entry.action = action;
        entry.target = target;
        entry.before = before;
        entry.after = after instanceof String text ? text : snapshot(after);
        return entry.persist().replaceWithVoid();
    }
}
