package ru.vklad.activity.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import ru.vklad.events.VkCallbackReceived;

/** Writes raw callbacks to {@code vk-callbacks}; the returned Uni completes only when the broker acknowledged. */
@ApplicationScoped
public class RawCallbackPublisher {

    private final MutinyEmitter<VkCallbackReceived> emitter;

    public RawCallbackPublisher(@Channel("vk-callbacks-out") MutinyEmitter<VkCallbackReceived> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(String key, VkCallbackReceived callback) {
        return KeyedPublisher.send(emitter, key, callback);
    }
}
