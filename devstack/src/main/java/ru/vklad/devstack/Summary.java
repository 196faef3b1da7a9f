package ru.vklad.devstack;

import java.nio.file.Path;
import java.util.List;

/** What a newcomer needs to see once the local system is up: where everything listens and how to log in. */
final class Summary {

    private Summary() {
    }

    static String of(StackEndpoints endpoints, List<ServiceProcess> services, Path logs) {
        StringBuilder out = new StringBuilder("\nVklad local stack is up.\n\n");
        out.append(String.format("  %-22s %s%n", "Kafka", endpoints.kafkaBootstrapServers()));
        out.append(String.format("  %-22s %s (user %s / %s, one database per service)%n", "PostgreSQL",
                endpoints.postgresHost() + ":" + endpoints.postgresPort(), endpoints.postgresUser(),
                endpoints.postgresPassword()));
        out.append(String.format("  %-22s %s (admin console: admin / admin)%n", "Keycloak", endpoints.keycloakUrl()));
        out.append(String.format("  %-22s %s%n", "OIDC issuer", endpoints.realmUrl()));
        for (ServiceProcess service : services) {
            out.append(String.format("  %-22s %s  (Swagger UI %s/q/swagger-ui, health %s/q/health, metrics %s/q/metrics)%n",
                    service.name(), service.url(), service.url(), service.url(), service.url()));
        }
        out.append(LOGINS);
        out.append("\n  Logs: ").append(logs).append("\n");
        return out.toString();
    }

    private static final String LOGINS = """

              Demo logins (realm vklad, client vklad-dashboard):
                hr.admin   / demo-hr-admin     role hr-admin
                hr.analyst / demo-hr-analyst   role hr-analyst
                employee   / demo-employee     role employee
            """;

    /** Where to go on once the demo has played. */
    static String explore(StackEndpoints endpoints, String gatewayUrl) {
        return "\nExplore: the HR API in Swagger UI at " + gatewayUrl + "/q/swagger-ui (Authorize, then log in), "
                + "Keycloak at " + endpoints.keycloakUrl() + " (admin / admin)." + LOGINS;
    }
}
