package ru.vklad.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server from Maven Central binaries (zonky), with one database per service owned by one
 * application role. Its data directory is recreated at every start: the local stack holds no data worth keeping.
 */
public final class PostgresServer implements ManagedServer {

    public static final String USER = "vklad";
    public static final String PASSWORD = "vklad";
    public static final String SETTINGS_VARIABLE = "VKLAD_POSTGRES_SETTINGS";

    private final int port;
    private final Path directory;
    private final Path log;
    private EmbeddedPostgres postgres;

    public PostgresServer(int port, Path directory, Path log) {
        this.port = port;
        this.directory = directory;
        this.log = log;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public void start() throws IOException, SQLException {
        Directories.deleteRecursively(directory);
        Files.createDirectories(directory);
        Files.createDirectories(log.getParent());
        postgres = builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            createServiceDatabases(sql);
        }
    }

    /**
     * Stops the server (fast shutdown: open transactions are rolled back, clients disconnected) and starts it
     * again on the same port and data, as an operator's restart would.
     */
    public void restart() throws IOException {
        postgres.close();
        postgres = builder().start();
    }

    /**
     * Never cleaned by the library, which would wipe the data on a restart; {@link #stop()} removes it. Settings in
     * {@value #SETTINGS_VARIABLE} ({@code name=value}, separated by spaces) are added, as the benchmarks' tuned
     * servers are started.
     */
    private EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        String settings = System.getenv(SETTINGS_VARIABLE);
        for (String setting : settings == null || settings.isBlank() ? new String[0] : settings.trim().split("\\s+")) {
            int equals = setting.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(SETTINGS_VARIABLE + ": not name=value: " + setting);
            }
            builder.setServerConfig(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return builder;
    }

    /** One database per service, all owned by the application role. */
    public static void createServiceDatabases(Statement sql) throws SQLException {
        for (VkladService service : VkladService.values()) {
            sql.execute("CREATE DATABASE " + service.database() + " OWNER " + USER);
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
                Directories.deleteRecursively(directory);
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }
}
