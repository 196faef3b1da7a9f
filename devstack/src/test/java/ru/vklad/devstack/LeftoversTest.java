package ru.vklad.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {

    @TempDir
    Path stateDirectory;

    @Test
    void processesMarkedWithTheStateDirectoryAreStoppedAndOthersAreNot() throws Exception {
        // Stand-ins for servers orphaned by a crashed supervisor: one carries this stack's marker, one another's.
        Process orphan = new ProcessBuilder("bash", "-c", "sleep 60; : " + Leftovers.marker(stateDirectory)).start();
        Path other = Files.createTempDirectory("other-stack");
        Process bystander = new ProcessBuilder("bash", "-c", "sleep 60; : " + Leftovers.marker(other)).start();
        try {
            Ports.await("stand-ins", Duration.ofSeconds(5), () -> true,
                    () -> Leftovers.find(stateDirectory).size() == 1);

            assertEquals(1, Leftovers.kill(stateDirectory));

            assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "the orphan is gone");
            assertTrue(bystander.isAlive(), "another stack's process is left alone");
            assertFalse(Leftovers.find(stateDirectory).stream().anyMatch(ProcessHandle::isAlive));
        } finally {
            orphan.destroyForcibly();
            bystander.destroyForcibly();
            Directories.deleteRecursively(other);
        }
    }
}
