package ru.vklad.events.serde;

import ru.vklad.events.BotMessage;

public class BotMessageDeserializer extends JsonDeserializer<BotMessage> {

    public BotMessageDeserializer() {
        super(BotMessage.class);
    }
}
