package ru.vklad.events.serde;

import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads one event type from JSON. Subclasses fix the type so Kafka can instantiate them by class name;
 * a tombstone (null bytes) is read as null.
 */
public abstract class JsonDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;
    private final ObjectReader reader;

    protected JsonDeserializer(Class<T> type) {
        this.type = type;
        this.reader = Json.MAPPER.readerFor(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return reader.readValue(data);
        } catch (IOException e) {
            throw new SerializationException("Not a " + type.getSimpleName() + " on " + topic, e);
        }
    }
}
