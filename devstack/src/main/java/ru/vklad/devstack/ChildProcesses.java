package ru.vklad.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting and stopping the server processes the stack owns, so that none is ever left behind. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * devstack's own classes plus the runtime classpath Maven wrote into devstack.classpath at build time: what the
     * supervisor and the servers it runs in child JVMs (Kafka) need, whatever the classpath of the JVM asking.
     */
    public static String devstackClasspath() {
        URL self = DevStack.class.getResource("DevStack.class");
        String ownLocation;
        try {
            String url = self.toString();
            if (url.startsWith("jar:")) {
                ownLocation = Path.of(new URL(url.substring(4, url.indexOf("!/"))).toURI()).toString();
            } else {
                Path classFile = Path.of(self.toURI());
                ownLocation = classFile.getParent().getParent().getParent().getParent().toString();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot locate devstack's classes from " + self, e);
        }
        try (InputStream in = DevStack.class.getResourceAsStream("/devstack.classpath")) {
            if (in == null) {
                throw new IllegalStateException("devstack.classpath missing: build devstack with ./mvnw");
            }
            return ownLocation + java.io.File.pathSeparator + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java launcher of this JVM, so child JVMs run on the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static Process start(ProcessBuilder builder, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return builder.start();
    }

    /** Runs a command to completion, failing with the tail of its log when it does not exit with 0. */
    public static void run(ProcessBuilder builder, Path log, Duration timeout) throws IOException {
        Process process = start(builder, log);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process.toHandle(), Duration.ZERO);
                throw new IllegalStateException(builder.command() + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process.toHandle(), Duration.ZERO);
            throw new IllegalStateException("Interrupted: " + builder.command(), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(builder.command().get(0) + " failed with exit code " + process.exitValue()
                    + "; last lines of " + log + ":\n" + tail(log, 20));
        }
    }

    /** Asks a process and its descendants to stop, and kills whatever is still running after {@code grace}. */
    public static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(Math.max(grace.toMillis(), 1), TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
