package ru.vklad.activity.messaging;

import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_CAUSE;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_CAUSE_CLASS_NAME;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import ru.vklad.events.VkCallbackReceived;

/**
 * Parks one callback the pipeline cannot process on {@code vk-callbacks.dlq}, under its key and with the headers the
 * connector's own dead-letter strategy writes, so the rest of its poll is not parked with it.
 */
@ApplicationScoped
public class CallbackDeadLetters {

    private final MutinyEmitter<VkCallbackReceived> parked;

    public CallbackDeadLetters(@Channel("vk-callbacks-dlq-out") MutinyEmitter<VkCallbackReceived> parked) {
        this.parked = parked;
    }

    public Uni<Void> park(ConsumerRecord<String, VkCallbackReceived> record, Throwable failure) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, DEAD_LETTER_EXCEPTION_CLASS_NAME, failure.getClass().getName());
        header(headers, DEAD_LETTER_REASON, failure.getMessage() == null ? failure.toString() : failure.getMessage());
        if (failure.getCause() != null) {
            header(headers, DEAD_LETTER_CAUSE_CLASS_NAME, failure.getCause().getClass().getName());
            header(headers, DEAD_LETTER_CAUSE, String.valueOf(failure.getCause().getMessage()));
        }
        header(headers, DEAD_LETTER_TOPIC, record.topic());
        header(headers, DEAD_LETTER_PARTITION, String.valueOf(record.partition()));
        header(headers, DEAD_LETTER_OFFSET, String.valueOf(record.offset()));
        return parked.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
