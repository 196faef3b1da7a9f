package ru.vklad.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/**
 * The local Vklad system: real Kafka, PostgreSQL and Keycloak as local processes, and (with {@code up}) every
 * service. Runs until it is interrupted (Ctrl-C) or its owner process ends, then stops everything it started.
 */
public final class DevStack {

    private final StackOptions options;
    private final String processMarker;
    /** Everything started, in start order; stopped in reverse. */
    private final List<ManagedServer> started = Collections.synchronizedList(new ArrayList<>());

    public DevStack(StackOptions options) {
        this.options = options;
        this.processMarker = Leftovers.marker(options.stateDirectory());
    }

    public static void main(String[] args) {
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DevStack stack = new DevStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-shutdown"));
        options.ownerPid().ifPresent(OwnerWatch::exitWhenGone);
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("devstack: " + rootMessage(e));
            System.exit(1);
        }
        awaitShutdown();
    }

    public void start() throws Exception {
        Path stateDir = options.stateDirectory();
        StackState.read(stateDir).filter(StackState::supervisorAlive).ifPresent(running -> {
            throw new IllegalStateException("A stack is already running from " + stateDir + " (pid "
                    + running.supervisorPid() + "); stop it first (Ctrl-C in its terminal, or kill "
                    + running.supervisorPid() + ")");
        });
        StackState.delete(stateDir);
        int killed = Leftovers.kill(stateDir);
        if (killed > 0) {
            System.out.println("Stopped " + killed + " process(es) left by an earlier run in " + stateDir);
        }

        Path logs = stateDir.resolve("logs");
        int postgresPort = options.postgresPort();
        int kafkaPort = options.kafkaPort();
        int keycloakPort = options.keycloakPort();
        PostgresServer postgres = new PostgresServer(postgresPort, stateDir.resolve("postgres"),
                logs.resolve("postgres.log"));
        KafkaServer kafka = new KafkaServer(kafkaPort, Ports.free(), stateDir.resolve("kafka"),
                logs.resolve("kafka.log"), processMarker);
        Properties build = buildProperties();
        KeycloakServer keycloak = new KeycloakServer(keycloakPort, Ports.free(),
                Path.of(build.getProperty("keycloak.zip")), build.getProperty("keycloak.version"),
                options.cacheDirectory(), logs.resolve("keycloak.log"), processMarker);
        if (!options.ephemeralPorts()) {
            Ports.requireFree(postgresPort, "PostgreSQL");
            Ports.requireFree(kafkaPort, "Kafka");
            Ports.requireFree(keycloakPort, "Keycloak");
        }

        System.out.println("Starting Kafka, PostgreSQL and Keycloak (logs in " + logs + ") ...");
        startAll(List.of(postgres, kafka, keycloak));
        StackEndpoints endpoints = new StackEndpoints(kafka.bootstrapServers(), "127.0.0.1", postgresPort,
                PostgresServer.USER, PostgresServer.PASSWORD, keycloak.url());
        new StackState(ProcessHandle.current().pid(), options.ownerPid().orElse(ProcessHandle.current().pid()),
                endpoints).write(stateDir);

        List<ServiceProcess> services = new ArrayList<>();
        if (options.command() == StackOptions.Command.UP) {
            Map<VkladService, Integer> ports = options.servicePorts();
            for (VkladService service : VkladService.values()) {
                if (!options.ephemeralPorts()) {
                    Ports.requireFree(ports.get(service), service.module());
                }
                Map<String, String> environment = new java.util.HashMap<>(endpoints.environment(service.database()));
                environment.putAll(service.peersEnvironment(ports));
                services.add(new ServiceProcess(service, ports.get(service), options.projectDirectory(),
                        environment,
                        switch (service) {
                            case ACTIVITY -> DemoCommunity.activityServiceProperties();
                            case NOTIFICATION -> DemoCommunity.notificationServiceProperties();
                            // The demo's own key, the same every start, as a cluster's Secret would be.
                            case ANALYTICS -> Map.of("vklad.analytics.erasure.key", "offline-demo-erasure-key");
                            default -> Map.of();
                        },
                        logs.resolve(service.module() + ".log"), processMarker));
            }
            System.out.println("Starting " + services.size() + " services ...");
            startAll(services);
        }
        System.out.println(Summary.of(endpoints, services, logs));
        if (options.command() == StackOptions.Command.UP) {
            String gateway = services.get(VkladService.GATEWAY.ordinal()).url();
            new DemoScenario(System.out, endpoints, gateway, services.get(VkladService.ACTIVITY.ordinal()).url()).run();
            System.out.println(Summary.explore(endpoints, gateway));
            System.out.println("Press Ctrl-C to stop everything.");
        }
    }

    /** Starts servers in parallel; if any fails, the shutdown hook stops those that did start. */
    private void startAll(List<? extends ManagedServer> servers) throws Exception {
        List<CompletableFuture<Void>> starting = servers.stream().map(server -> CompletableFuture.runAsync(() -> {
            long began = System.nanoTime();
            started.add(server);
            try {
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException(server.name() + " failed to start: " + rootMessage(e), e);
            }
            System.out.printf("  %-22s ready in %.1f s%n", server.name(), (System.nanoTime() - began) / 1e9);
        })).toList();
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    public void stop() {
        List<ManagedServer> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        if (toStop.isEmpty()) {
            return;
        }
        System.out.println("Stopping " + toStop.size() + " processes ...");
        Collections.reverse(toStop);
        // Services first (they hold connections), then the infrastructure, each in parallel.
        CompletableFuture.allOf(toStop.stream().filter(ServiceProcess.class::isInstance)
                .map(s -> CompletableFuture.runAsync(s::stop)).toArray(CompletableFuture[]::new)).join();
        CompletableFuture.allOf(toStop.stream().filter(s -> !(s instanceof ServiceProcess))
                .map(s -> CompletableFuture.runAsync(s::stop)).toArray(CompletableFuture[]::new)).join();
        try {
            StackState.delete(options.stateDirectory());
        } catch (IOException e) {
            System.err.println("Could not remove the state file: " + e.getMessage());
        }
        System.out.println("Stopped.");
    }

    private static Properties buildProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DevStack.class.getResourceAsStream("/devstack.properties")) {
            if (in == null) {
                throw new IllegalStateException("devstack.properties missing: build devstack with ./mvnw");
            }
            properties.load(in);
        }
        return properties;
    }

    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String own = e.getMessage() == null ? e.toString() : e.getMessage();
        return cause == e || own.contains(String.valueOf(cause.getMessage())) ? own : own + " (" + cause + ")";
    }
}
