package ru.vklad.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running stack publishes about itself in its state directory: who supervises it, for whom,
 * and where its servers listen.
 */
public record StackState(long supervisorPid, long ownerPid, StackEndpoints endpoints) {

    public static final String FILE = "state.properties";

    public void write(Path directory) throws IOException {
        Properties p = new Properties();
        p.setProperty("supervisor.pid", String.valueOf(supervisorPid));
        p.setProperty("owner.pid", String.valueOf(ownerPid));
        p.setProperty("kafka.bootstrap-servers", endpoints.kafkaBootstrapServers());
        p.setProperty("postgres.host", endpoints.postgresHost());
        p.setProperty("postgres.port", String.valueOf(endpoints.postgresPort()));
        p.setProperty("postgres.user", endpoints.postgresUser());
        p.setProperty("postgres.password", endpoints.postgresPassword());
        p.setProperty("keycloak.url", endpoints.keycloakUrl());
        Files.createDirectories(directory);
        Path temporary = directory.resolve(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary)) {
            p.store(out, "Vklad devstack: ready");
        }
        Files.move(temporary, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    public static Optional<StackState> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            StackEndpoints endpoints = new StackEndpoints(
                    p.getProperty("kafka.bootstrap-servers"),
                    p.getProperty("postgres.host"),
                    Integer.parseInt(p.getProperty("postgres.port")),
                    p.getProperty("postgres.user"),
                    p.getProperty("postgres.password"),
                    p.getProperty("keycloak.url"));
            return Optional.of(new StackState(Long.parseLong(p.getProperty("supervisor.pid")),
                    Long.parseLong(p.getProperty("owner.pid")), endpoints));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static void delete(Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(FILE));
    }

    public boolean supervisorAlive() {
        return ProcessHandle.of(supervisorPid).map(ProcessHandle::isAlive).orElse(false);
    }
}
