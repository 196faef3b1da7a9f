package ru.vklad.devstack;

/** The five services of Vklad: their module, default HTTP port and PostgreSQL database. */
public enum VkladService {
    GATEWAY("gateway-service", 8080, "vklad_gateway"),
    ACTIVITY("activity-service", 8081, "vklad_activity"),
    LEDGER("ledger-service", 8082, "vklad_ledger"),
    ANALYTICS("analytics-service", 8083, "vklad_analytics"),
    NOTIFICATION("notification-service", 8084, "vklad_notification");

    private final String module;
    private final int defaultPort;
    private final String database;

    VkladService(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String database() {
        return database;
    }

    /**
     * What a service needs to reach the others it calls, given where each listens: the gateway calls the ledger,
     * analytics and notification services (with the caller's token) under {@code quarkus.rest-client.<name>.url}.
     */
    public java.util.Map<String, String> peersEnvironment(java.util.Map<VkladService, Integer> ports) {
        if (this != GATEWAY) {
            return java.util.Map.of();
        }
        return java.util.Map.of(
                "QUARKUS_REST_CLIENT_LEDGER_URL", "http://127.0.0.1:" + ports.get(LEDGER),
                "QUARKUS_REST_CLIENT_ANALYTICS_URL", "http://127.0.0.1:" + ports.get(ANALYTICS),
                "QUARKUS_REST_CLIENT_NOTIFICATION_URL", "http://127.0.0.1:" + ports.get(NOTIFICATION));
    }

    /** Environment variable that overrides this service's port, e.g. {@code VKLAD_LEDGER_PORT}. */
    public String portVariable() {
        return "VKLAD_" + name() + "_PORT";
    }
}
