package ru.vklad.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void upUsesTheDocumentedPortsAndTheProjectTargetDirectory() {
        StackOptions options = StackOptions.parse(new String[] {"up", "--project-dir=/tmp/vklad"});
        assertEquals(StackOptions.Command.UP, options.command());
        assertEquals(Path.of("/tmp/vklad/target/devstack"), options.stateDirectory());
        if (System.getenv("VKLAD_KAFKA_PORT") == null) {
            assertEquals(9092, options.kafkaPort());
        }
        if (System.getenv("VKLAD_POSTGRES_PORT") == null) {
            assertEquals(15432, options.postgresPort());
        }
        assertEquals(VkladService.values().length, options.servicePorts().size());
    }

    @Test
    void ephemeralPortsAreFreshEachTime() {
        StackOptions options = StackOptions.parse(new String[] {"infra", "--ephemeral-ports", "--owner-pid=1"});
        assertEquals(1L, options.ownerPid().getAsLong());
        assertNotEquals(9092, options.kafkaPort());
    }

    @Test
    void wrongArgumentsExplainTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackOptions.parse(new String[] {"launch"}));
        assertTrue(e.getMessage().contains("usage: devstack"));
        assertThrows(IllegalArgumentException.class, () -> StackOptions.parse(new String[] {"up", "--fast"}));
        assertThrows(IllegalArgumentException.class, () -> StackOptions.parse(new String[0]));
    }
}
