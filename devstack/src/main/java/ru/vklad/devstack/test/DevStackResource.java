package ru.vklad.devstack.test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.VkladService;

/**
 * Points a service under test at the build's shared real infrastructure. Init argument {@code database} names the
 * service's own database (see {@link ru.vklad.devstack.VkladService}); the service's consumer groups then start
 * at the end of the event topics the modules before it filled ({@link EventBacklog}).
 */
public class DevStackResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("DevStackResource needs the init argument 'database'");
        }
    }

    @Override
    public Map<String, String> start() {
        StackEndpoints endpoints = SharedStack.endpoints();
        EventBacklog.skip(endpoints.kafkaBootstrapServers(), service().module());
        Map<String, String> config = new HashMap<>(endpoints.quarkusConfig(database));
        if (!onClasspath("io.quarkus.oidc.OidcTenantConfig")) {
            config.remove("quarkus.oidc.auth-server-url");
        }
        return config;
    }

    /** The consumer group of each service is its module's name (kafka.group.id). */
    private VkladService service() {
        return Arrays.stream(VkladService.values()).filter(s -> s.database().equals(database)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Vklad service owns the database " + database));
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // Shared by every test of the build; it stops when the build ends.
    }
}
