package ru.vklad.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds and stops processes of an earlier stack in the same state directory whose supervisor died without
 * stopping them (kill -9, a crashed build). Every process the stack starts carries its state directory in its
 * command line ({@link #marker(Path)} for JVMs, the data directory for PostgreSQL), so no pid file is needed
 * and nothing unrelated is touched.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /** The system property every JVM started by the stack carries. */
    public static String marker(Path stateDirectory) {
        return "-Dvklad.devstack.dir=" + stateDirectory;
    }

    public static List<ProcessHandle> find(Path stateDirectory) {
        String jvmMarker = marker(stateDirectory);
        String postgresData = stateDirectory.resolve("postgres").toString();
        Set<Long> spared = Stream.iterate(ProcessHandle.current(), h -> h.parent().orElse(null))
                .takeWhile(h -> h != null).map(ProcessHandle::pid).collect(Collectors.toSet());
        return ProcessHandle.allProcesses()
                .filter(h -> !spared.contains(h.pid()))
                .filter(h -> h.info().commandLine()
                        .map(line -> line.contains(jvmMarker) || line.contains(postgresData))
                        .orElse(false))
                .toList();
    }

    public static int kill(Path stateDirectory) {
        List<ProcessHandle> leftovers = find(stateDirectory);
        leftovers.forEach(h -> ChildProcesses.stop(h, Duration.ofSeconds(10)));
        return leftovers.size();
    }
}
