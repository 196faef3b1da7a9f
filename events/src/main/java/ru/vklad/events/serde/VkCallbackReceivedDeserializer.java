package ru.vklad.events.serde;

import ru.vklad.events.VkCallbackReceived;

public class VkCallbackReceivedDeserializer extends JsonDeserializer<VkCallbackReceived> {

    public VkCallbackReceivedDeserializer() {
        super(VkCallbackReceived.class);
    }
}
