package ru.vklad.devstack.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

import ru.vklad.devstack.KafkaTopics;
import ru.vklad.devstack.PostgresServer;
import ru.vklad.devstack.StackEndpoints;

/**
 * The same servers as the local stack, as Testcontainers, for machines with a Docker engine. Containers live as
 * long as the test JVM (one module's tests) and are removed by Testcontainers' reaper afterwards.
 */
final class ContainerStack {

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";
    private static final int KEYCLOAK_PORT = 8080;

    private ContainerStack() {
    }

    static boolean dockerAvailable() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        return configured && DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource") // stopped by the Testcontainers reaper when the test JVM ends
    static StackEndpoints start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withUsername(PostgresServer.USER)
                .withPassword(PostgresServer.PASSWORD)
                .withDatabaseName("postgres");
        GenericContainer<?> keycloak = new GenericContainer<>("quay.io/keycloak/keycloak:" + keycloakVersion())
                .withCommand("start-dev", "--import-realm")
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
                .withCopyFileToContainer(MountableFile.forClasspathResource("realm/vklad-realm.json"),
                        "/opt/keycloak/data/import/vklad-realm.json")
                .withExposedPorts(KEYCLOAK_PORT)
                .waitingFor(Wait.forHttp("/realms/" + StackEndpoints.REALM).forPort(KEYCLOAK_PORT));
        java.util.stream.Stream.of(kafka, postgres, keycloak).parallel().forEach(GenericContainer::start);
        try {
            KafkaTopics.createAll(kafka.getBootstrapServers());
            try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(),
                    PostgresServer.USER, PostgresServer.PASSWORD);
                 Statement sql = connection.createStatement()) {
                PostgresServer.createServiceDatabases(sql);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot prepare the containers' topics and databases", e);
        }
        return new StackEndpoints(kafka.getBootstrapServers(), postgres.getHost(), postgres.getMappedPort(5432),
                PostgresServer.USER, PostgresServer.PASSWORD,
                "http://localhost:" + keycloak.getMappedPort(KEYCLOAK_PORT));
    }

    private static String keycloakVersion() {
        Properties properties = new Properties();
        try (InputStream in = ContainerStack.class.getResourceAsStream("/devstack.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("keycloak.version");
    }
}
