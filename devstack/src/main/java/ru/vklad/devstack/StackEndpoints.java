package ru.vklad.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the infrastructure of a running stack listens, and how a Quarkus service is configured to use it.
 * All servers listen on loopback only.
 */
public record StackEndpoints(
        String kafkaBootstrapServers,
        String postgresHost,
        int postgresPort,
        String postgresUser,
        String postgresPassword,
        String keycloakUrl) {

    public static final String REALM = "vklad";

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String realmUrl() {
        return keycloakUrl + "/realms/" + REALM;
    }

    /** Configuration that points a service at this stack, as Quarkus property names. */
    public Map<String, String> quarkusConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        config.put("quarkus.datasource.username", postgresUser);
        config.put("quarkus.datasource.password", postgresPassword);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", reactiveUrl(database));
        config.put("quarkus.oidc.auth-server-url", realmUrl());
        return config;
    }

    /** The same configuration as environment variables, for services started as processes. */
    public Map<String, String> environment(String database) {
        Map<String, String> env = new LinkedHashMap<>();
        quarkusConfig(database).forEach((key, value) ->
                env.put(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), value));
        return env;
    }
}
