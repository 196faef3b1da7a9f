package ru.vklad.devstack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How the stack was asked to run. Fixed ports (the documented defaults, each overridable by an environment
 * variable) for the local system; ephemeral ports for test runs, so tests never clash with a running demo.
 */
public record StackOptions(
        Command command,
        boolean ephemeralPorts,
        Path stateDirectory,
        Path projectDirectory,
        OptionalLong ownerPid) {

    public enum Command {
        /** Kafka, PostgreSQL and Keycloak only: what the tests need. */
        INFRA,
        /** The whole local system: infrastructure and every service. */
        UP
    }

    public static StackOptions parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException(usage());
        }
        Command command = switch (args[0]) {
            case "infra" -> Command.INFRA;
            case "up" -> Command.UP;
            default -> throw new IllegalArgumentException("Unknown command '" + args[0] + "'\n" + usage());
        };
        boolean ephemeral = false;
        Path projectDir = Path.of("").toAbsolutePath();
        Path stateDir = null;
        OptionalLong owner = OptionalLong.empty();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--ephemeral-ports")) {
                ephemeral = true;
            } else if (arg.startsWith("--state-dir=")) {
                stateDir = Path.of(value(arg)).toAbsolutePath();
            } else if (arg.startsWith("--project-dir=")) {
                projectDir = Path.of(value(arg)).toAbsolutePath();
            } else if (arg.startsWith("--owner-pid=")) {
                owner = OptionalLong.of(Long.parseLong(value(arg)));
            } else {
                throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + usage());
            }
        }
        if (stateDir == null) {
            stateDir = projectDir.resolve("target/devstack");
        }
        return new StackOptions(command, ephemeral, stateDir, projectDir, owner);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    static String usage() {
        return "usage: devstack (infra|up) [--ephemeral-ports] [--state-dir=DIR] [--project-dir=DIR] [--owner-pid=PID]";
    }

    /** Each call with ephemeral ports picks a new free port: call once per server. */
    public int kafkaPort() {
        return port("VKLAD_KAFKA_PORT", 9092);
    }

    public int postgresPort() {
        return port("VKLAD_POSTGRES_PORT", 15432);
    }

    public int keycloakPort() {
        return port("VKLAD_KEYCLOAK_PORT", 8180);
    }

    public Map<VkladService, Integer> servicePorts() {
        Map<VkladService, Integer> ports = new EnumMap<>(VkladService.class);
        for (VkladService service : VkladService.values()) {
            ports.put(service, port(service.portVariable(), service.defaultPort()));
        }
        return ports;
    }

    /** Where unpacked distributions are kept between runs (Keycloak). */
    public Path cacheDirectory() {
        String configured = System.getenv("VKLAD_CACHE_DIR");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "vklad");
    }

    private int port(String variable, int defaultPort) {
        if (ephemeralPorts) {
            return Ports.free();
        }
        String configured = System.getenv(variable);
        if (configured == null || configured.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, not '" + configured + "'");
        }
    }
}
