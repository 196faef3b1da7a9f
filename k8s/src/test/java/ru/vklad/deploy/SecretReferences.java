package ru.vklad.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** Every Secret a rendering refers to, with the keys it reads, wherever Kubernetes or an operator reads it. */
final class SecretReferences {

    private SecretReferences() {
    }

    static Map<String, Set<String>> of(Manifests m) {
        Map<String, Set<String>> refs = new TreeMap<>();
        m.ofKind("Deployment").forEach(d -> {
            for (JsonNode c : DeploymentRulesTest.containers(d)) {
                for (JsonNode env : c.path("env")) {
                    JsonNode ref = env.at("/valueFrom/secretKeyRef");
                    if (!ref.isMissingNode()) {
                        add(refs, ref.path("name").asText(), ref.path("key").asText());
                    }
                }
                for (JsonNode from : c.path("envFrom")) {
                    if (from.has("secretRef")) {
                        add(refs, from.at("/secretRef/name").asText(), null);
                    }
                }
            }
            for (JsonNode volume : d.at("/spec/template/spec/volumes")) {
                if (volume.has("secret")) {
                    String name = volume.at("/secret/secretName").asText();
                    add(refs, name, null);
                    volume.at("/secret/items").forEach(item -> add(refs, name, item.path("key").asText()));
                }
            }
        });
        m.ofKind("Ingress").forEach(i -> i.at("/spec/tls").forEach(t -> add(refs, t.path("secretName").asText(), null)));
        m.ofKind("Cluster").forEach(c -> c.at("/spec/managed/roles").forEach(role -> {
            add(refs, role.at("/passwordSecret/name").asText(), "username");
            add(refs, role.at("/passwordSecret/name").asText(), "password");
        }));
        m.ofKind("Keycloak").forEach(k -> {
            for (String field : new String[] {"usernameSecret", "passwordSecret"}) {
                JsonNode ref = k.at("/spec/db/" + field);
                add(refs, ref.path("name").asText(), ref.path("key").asText());
            }
            if (k.at("/spec/ingress/enabled").asBoolean()) {
                add(refs, k.at("/spec/ingress/tlsSecret").asText(), null);
            }
        });
        m.ofKind("KeycloakRealmImport").forEach(r -> r.at("/spec/placeholders").forEach(p ->
                add(refs, p.at("/secret/name").asText(), p.at("/secret/key").asText())));
        return refs;
    }

    /** The Secret an environment variable of a Deployment's first container is read from. */
    static String envSecret(JsonNode deployment, String variable) {
        for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals(variable)) {
                return env.at("/valueFrom/secretKeyRef/name").asText(null);
            }
        }
        return null;
    }

    private static void add(Map<String, Set<String>> refs, String secret, String key) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("a Secret reference without a name");
        }
        Set<String> keys = refs.computeIfAbsent(secret, s -> new TreeSet<>());
        if (key != null && !key.isEmpty()) {
            keys.add(key);
        }
    }
}
