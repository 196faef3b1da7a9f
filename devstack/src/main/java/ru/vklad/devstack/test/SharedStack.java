package ru.vklad.devstack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import java.util.Optional;
import java.util.stream.Stream;

import ru.vklad.devstack.ChildProcesses;
import ru.vklad.devstack.DevStack;
import ru.vklad.devstack.Directories;
import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.StackState;

/**
 * The infrastructure every test of one build shares. The first test that needs it starts a devstack supervisor
 * process owned by the Maven JVM running the build; later test JVMs of the same build (other modules) find it
 * through its state file and reuse it. When the build ends, however it ends, the supervisor sees its owner gone
 * and stops every server. A stack left by a killed build is cleaned up by the next one.
 */
public final class SharedStack {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static StackEndpoints endpoints;

    private SharedStack() {
    }

    public static synchronized StackEndpoints endpoints() {
        if (endpoints == null) {
            endpoints = switch (StackMode.resolve()) {
                case CONTAINERS -> ContainerStack.start();
                case LOCAL -> ensureLocal();
            };
        }
        return endpoints;
    }

    private static StackEndpoints ensureLocal() {
        ProcessHandle owner = buildOwner();
        Path base = Path.of(System.getProperty("vklad.devstack.state-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "vklad-devstack-test").toString())).toAbsolutePath();
        Path directory = base.resolve("owner-" + owner.pid());
        try {
            Files.createDirectories(directory);
            cleanUpAfterDeadOwners(base, directory);
            try (FileChannel lockFile = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                Optional<StackState> running = StackState.read(directory)
                        .filter(StackState::supervisorAlive)
                        .filter(state -> Ports.isOpen(state.endpoints().postgresPort()));
                if (running.isPresent()) {
                    return running.get().endpoints();
                }
                Leftovers.kill(directory);
                StackState.delete(directory);
                return spawnSupervisor(owner, directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the shared test stack in " + directory, e);
        }
    }

    private static StackEndpoints spawnSupervisor(ProcessHandle owner, Path directory) throws IOException {
        Path log = directory.resolve("supervisor.log");
        Files.deleteIfExists(log);
        Process supervisor = ChildProcesses.start(new ProcessBuilder(ChildProcesses.javaExecutable(),
                "-Xmx256m", "-XX:+UseSerialGC", Leftovers.marker(directory),
                "-cp", ChildProcesses.devstackClasspath(), DevStack.class.getName(), "infra", "--ephemeral-ports",
                "--state-dir=" + directory, "--owner-pid=" + owner.pid()), log);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<StackState> state = StackState.read(directory)
                    .filter(s -> s.supervisorPid() == supervisor.pid());
            if (state.isPresent()) {
                return state.get().endpoints();
            }
            if (!supervisor.isAlive()) {
                throw new IllegalStateException("The devstack supervisor exited with " + supervisor.exitValue()
                        + "; " + log + ":\n" + ChildProcesses.tail(log, 40));
            }
            sleep(250);
        }
        ChildProcesses.stop(supervisor.toHandle(), Duration.ofSeconds(20));
        throw new IllegalStateException("The test stack was not ready within " + START_TIMEOUT.toMinutes()
                + " min; " + log + ":\n" + ChildProcesses.tail(log, 40));
    }

    /**
     * The Maven JVM running this build, so the stack outlives one module's tests but not the build. Outside
     * Maven (an IDE), the test JVM itself.
     */
    static ProcessHandle buildOwner() {
        return Stream.iterate(ProcessHandle.current(), h -> h.parent().orElse(null))
                .takeWhile(h -> h != null)
                .filter(h -> h.info().commandLine().map(line -> line.contains("org.codehaus.plexus.classworlds"))
                        .orElse(false))
                .findFirst()
                .orElse(ProcessHandle.current());
    }

    private static void cleanUpAfterDeadOwners(Path base, Path mine) throws IOException {
        try (Stream<Path> children = Files.list(base)) {
            for (Path stale : children.filter(p -> !p.equals(mine))
                    .filter(p -> p.getFileName().toString().startsWith("owner-"))
                    .filter(p -> !ownerAlive(p.getFileName().toString().substring("owner-".length())))
                    .toList()) {
                Leftovers.kill(stale);
                deleteQuietly(stale);
            }
        }
    }

    private static boolean ownerAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            // A file still held by a dying process; the next build tries again.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the test stack", e);
        }
    }

}
