package ru.vklad.devstack.test;

import java.util.Locale;

/**
 * Which servers the tests run against, chosen by the system property {@code vklad.devstack.mode} or the
 * environment variable {@code VKLAD_DEVSTACK_MODE}: {@code auto} (the default: Testcontainers when a Docker engine
 * answers, local processes otherwise, which is what CI runs), {@code local} (processes started from Maven Central
 * artifacts) or {@code containers} (Testcontainers, failing when there is no Docker engine).
 */
public enum StackMode {
    LOCAL,
    CONTAINERS;

    public static StackMode resolve() {
        String configured = System.getProperty("vklad.devstack.mode", System.getenv("VKLAD_DEVSTACK_MODE"));
        String mode = configured == null ? "auto" : configured.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "local" -> LOCAL;
            case "containers" -> CONTAINERS;
            case "auto" -> ContainerStack.dockerAvailable() ? CONTAINERS : LOCAL;
            default -> throw new IllegalArgumentException(
                    "vklad.devstack.mode must be local, containers or auto, not '" + configured + "'");
        };
    }
}
