package ru.vklad.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ru.vklad.devstack.DemoCommunity;
import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.ServiceProcess;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.VkladService;
import ru.vklad.devstack.vk.VkApiDouble;

/**
 * The five packaged services on one stack, each in its own JVM, the notification service sending through the VK
 * API double with a token the double accepts; no quiet hours, likes coalesced within a second.
 */
final class Product implements AutoCloseable {

    private final Map<VkladService, ServiceProcess> services = new EnumMap<>(VkladService.class);

    private Product() {
    }

    /** Starts all five in parallel; their logs go to {@code logs}, where a killed build's leftovers are stopped. */
    static Product start(StackEndpoints stack, VkApiDouble vk, String vkToken, Path logs) throws Exception {
        Path project = Path.of(System.getProperty("vklad.project.dir", "..")).toAbsolutePath().normalize();
        Files.createDirectories(logs);
        Leftovers.kill(logs);
        Map<VkladService, Integer> ports = new EnumMap<>(VkladService.class);
        for (VkladService service : VkladService.values()) {
            ports.put(service, Ports.free());
        }
        Product product = new Product();
        for (VkladService service : VkladService.values()) {
            Map<String, String> env = new HashMap<>(stack.environment(service.database()));
            env.putAll(service.peersEnvironment(ports));
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            if (service == VkladService.NOTIFICATION) {
                env.putAll(vk.notificationServiceEnvironment(DemoCommunity.ID, vkToken));
                env.putAll(Map.of("VKLAD_NOTIFY_COALESCE_WINDOW", "1s", "VKLAD_NOTIFY_DELIVERY_POLL_INTERVAL", "200ms"));
            }
            product.services.put(service, new ServiceProcess(service, ports.get(service), project, env,
                    switch (service) {
                        case ACTIVITY -> DemoCommunity.activityServiceProperties();
                        case ANALYTICS -> Map.of("vklad.analytics.erasure.key", "e2e-erasure-key");
                        default -> Map.of();
                    },
                    logs.resolve(service.module() + ".log"), Leftovers.marker(logs)));
        }
        try {
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (ServiceProcess service : product.services.values()) {
                starting.add(CompletableFuture.runAsync(() -> {
                    try {
                        service.start();
                    } catch (Exception e) {
                        throw new IllegalStateException(service.name() + " did not start", e);
                    }
                }));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get();
        } catch (Exception e) {
            product.close();
            throw e;
        }
        return product;
    }

    String url(VkladService service) {
        return services.get(service).url();
    }

    ServiceProcess service(VkladService service) {
        return services.get(service);
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::stop);
    }
}
