package ru.vklad.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak (the Quarkus distribution zip from Maven Central) in dev mode with an in-memory database,
 * importing the {@code vklad} realm at every start. The unpacked distribution is cached per version outside the
 * build tree, so only the first start on a machine pays for unpacking and Keycloak's own build step.
 */
public final class KeycloakServer extends ChildProcessServer {

    static final String REALM_RESOURCE = "/realm/vklad-realm.json";

    private final int port;
    private final int managementPort;
    private final Path distributionZip;
    private final String version;
    private final Path cacheDirectory;
    private final Path log;
    private final String processMarker;

    public KeycloakServer(int port, int managementPort, Path distributionZip, String version, Path cacheDirectory,
                          Path log, String processMarker) {
        this.port = port;
        this.managementPort = managementPort;
        this.distributionZip = distributionZip;
        this.version = version;
        this.cacheDirectory = cacheDirectory;
        this.log = log;
        this.processMarker = processMarker;
    }

    @Override
    public String name() {
        return "Keycloak";
    }

    /** Keycloak's public URL; the issuer of its tokens is always this URL plus {@code /realms/vklad}. */
    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void start() throws IOException {
        Path home = unpackedDistribution();
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            Files.copy(realm, imports.resolve("vklad-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--db=dev-mem",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--hostname=" + url(),
                "--import-realm");
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        env.put("JAVA_OPTS_APPEND", processMarker);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        process = ChildProcesses.start(builder, log);
        URI discovery = URI.create("http://127.0.0.1:" + port + "/realms/" + StackEndpoints.REALM
                + "/.well-known/openid-configuration");
        Ports.await("Keycloak on port " + port, Duration.ofMinutes(4), process::isAlive,
                () -> Ports.answersOk(discovery));
    }


    /** Unpacks the distribution once per version; a lock keeps concurrent stacks from unpacking it twice. */
    private Path unpackedDistribution() throws IOException {
        Files.createDirectories(cacheDirectory);
        Path home = cacheDirectory.resolve("keycloak-" + version);
        try (FileChannel lockFile = FileChannel.open(cacheDirectory.resolve("keycloak-" + version + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.exists(home.resolve("bin/kc.sh"))) {
                return home;
            }
            if (distributionZip == null || !Files.isRegularFile(distributionZip)) {
                throw new IllegalStateException("Keycloak distribution zip not found at " + distributionZip
                        + "; build the project with ./mvnw first");
            }
            Path staging = Files.createTempDirectory(cacheDirectory, "keycloak-unpack");
            unzip(distributionZip, staging);
            Path root;
            try (var children = Files.list(staging)) {
                root = children.filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new IllegalStateException("Empty Keycloak zip " + distributionZip));
            }
            try (var scripts = Files.list(root.resolve("bin"))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
            }
            Directories.deleteRecursively(home);
            Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
            Directories.deleteRecursively(staging);
            return home;
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("Zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
