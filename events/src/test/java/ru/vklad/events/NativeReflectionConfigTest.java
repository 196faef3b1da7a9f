package ru.vklad.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A native image only reflects on what is registered: every event record and enum Jackson reads or writes, and
 * every serde class Kafka instantiates by name, must be in the events module's reflect-config.json, which GraalVM
 * picks up from the jar.
 */
class NativeReflectionConfigTest {

    private static final String CONFIG = "/META-INF/native-image/ru.vklad/events/reflect-config.json";

    @Test
    void everyEventTypeAndSerdeIsRegisteredForReflection() throws Exception {
        Set<String> registered = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream(CONFIG)) {
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                registered.add(entry.path("name").asText());
            }
        }
        assertEquals(needReflection(), registered);
    }

    private static Set<String> needReflection() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Topics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> needed = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name);
                boolean eventType = (type.isRecord() && type != TopicSpec.class) || type.isEnum();
                boolean serde = !Modifier.isAbstract(type.getModifiers())
                        && (Serializer.class.isAssignableFrom(type) || Deserializer.class.isAssignableFrom(type));
                if (eventType || serde) {
                    needed.add(name);
                }
            }
        }
        return needed;
    }
}
