package ru.vklad.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Vklad service, run from its packaged Quarkus application against the stack's infrastructure. */
public final class ServiceProcess extends ChildProcessServer {

    /** A system property: the JVM options of the services started, besides heap and collector. */
    public static final String JVM_OPTIONS = "vklad.devstack.service-jvm-options";

    private final VkladService service;
    private final int port;
    private final Path jar;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    private final Path log;
    private final String processMarker;

    public ServiceProcess(VkladService service, int port, Path projectDirectory, Map<String, String> environment,
                          Map<String, String> systemProperties, Path log, String processMarker) {
        this.service = service;
        this.port = port;
        this.jar = projectDirectory.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.log = log;
        this.processMarker = processMarker;
    }

    @Override
    public String name() {
        return service.module();
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /**
     * Five services, Kafka and Keycloak share the few cores of one machine here: C2's compilations took most of a core
     * per service for minutes after start (bench/README, "End to end"), so by default the services compile with C1
     * only, which settles in seconds and keeps ~40 MB less resident. A cluster's pods keep the default JIT, and so do
     * the benchmarks of one service alone ({@value #JVM_OPTIONS} empty).
     */
    private static List<String> jvmOptions() {
        String options = System.getProperty(JVM_OPTIONS, "-XX:TieredStopAtLevel=1").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    @Override
    public void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package -DskipTests)");
        }
        // The heap starts small and grows as needed, as in a pod (whose default initial heap is 1/64 of its memory):
        // on a large machine the default would commit the whole 256 MB at start, and it all became resident.
        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaExecutable(), "-Xms64m", "-Xmx256m",
                "-XX:+UseSerialGC"));
        command.addAll(jvmOptions());
        command.add(processMarker);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        // Two malloc arenas instead of up to eight per core: 3-6 MB less resident each (bench/README).
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        process = ChildProcesses.start(builder, log);
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        Ports.await(name() + " on port " + port, Duration.ofMinutes(2), process::isAlive, () -> Ports.answersOk(ready));
    }
}
