package ru.vklad.devstack.test;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at the build's shared real infrastructure. Init argument {@code database} names the
 * service's own database (see {@link ru.vklad.devstack.VkladService}).
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
        Map<String, String> config = new HashMap<>(SharedStack.endpoints().quarkusConfig(database));
        if (!onClasspath("io.quarkus.oidc.OidcTenantConfig")) {
            config.remove("quarkus.oidc.auth-server-url");
        }
        return config;
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
