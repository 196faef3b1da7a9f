package ru.vklad.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.common.Uuid;


/**
 * A real single-node Kafka (KRaft, broker and controller in one) in a child JVM, so that a crash of anything
 * else never takes the broker with it.
 */
public final class KafkaServer extends ChildProcessServer {

    static final String MAIN_CLASS = "kafka.Kafka";
    private static final int PARTITIONS = KafkaTopics.PARTITIONS;

    private final int port;
    private final int controllerPort;
    private final Path directory;
    private final Path log;
    private final String processMarker;

    public KafkaServer(int port, int controllerPort, Path directory, Path log, String processMarker) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.directory = directory;
        this.log = log;
        this.processMarker = processMarker;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void start() throws Exception {
        Directories.deleteRecursively(directory);
        Files.createDirectories(directory);
        Path config = writeServerProperties();
        Path logging = writeLoggingConfig();
        String classpath = ChildProcesses.devstackClasspath();

        ChildProcesses.run(new ProcessBuilder(ChildProcesses.javaExecutable(), "-Xmx128m", "-cp", classpath,
                        "-Dlog4j2.configurationFile=" + logging, "kafka.tools.StorageTool",
                        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                log, Duration.ofMinutes(1));

        launch();
        KafkaTopics.createAll(bootstrapServers());
    }

    /** Stops the broker (a controlled shutdown) and starts it again on the same data, as an operator's restart would. */
    public void restart() throws Exception {
        stop();
        launch();
    }

    private void launch() throws Exception {
        process = ChildProcesses.start(new ProcessBuilder(ChildProcesses.javaExecutable(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true", processMarker,
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"), "-cp",
                ChildProcesses.devstackClasspath(), MAIN_CLASS, directory.resolve("server.properties").toString()),
                log);
        Ports.await("Kafka on port " + port, Duration.ofSeconds(60), process::isAlive, () -> Ports.isOpen(port));
    }

    private Path writeServerProperties() throws IOException {
        Properties server = new Properties();
        server.setProperty("process.roles", "broker,controller");
        server.setProperty("node.id", "1");
        server.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        server.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        server.setProperty("controller.listener.names", "CONTROLLER");
        server.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        server.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        server.setProperty("log.dirs", directory.resolve("data").toString());
        server.setProperty("num.partitions", String.valueOf(PARTITIONS));
        // A single broker: internal topics cannot be replicated, and need not be large.
        server.setProperty("offsets.topic.replication.factor", "1");
        server.setProperty("offsets.topic.num.partitions", "5");
        server.setProperty("transaction.state.log.replication.factor", "1");
        server.setProperty("transaction.state.log.min.isr", "1");
        server.setProperty("transaction.state.log.num.partitions", "5");
        server.setProperty("share.coordinator.state.topic.replication.factor", "1");
        server.setProperty("share.coordinator.state.topic.min.isr", "1");
        server.setProperty("group.initial.rebalance.delay.ms", "0");
        server.setProperty("auto.create.topics.enable", "false");
        Path file = directory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            server.store(out, "Written by devstack");
        }
        return file;
    }

    private Path writeLoggingConfig() throws IOException {
        Path file = directory.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "appender.console.type=Console",
                "appender.console.name=STDERR",
                "appender.console.target=SYSTEM_ERR",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=%d{HH:mm:ss.SSS} %-5p [%c{1}] %m%n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.console.ref=STDERR",
                "logger.server.name=kafka.server.KafkaRaftServer",
                "logger.server.level=INFO",
                ""));
        return file;
    }
}
