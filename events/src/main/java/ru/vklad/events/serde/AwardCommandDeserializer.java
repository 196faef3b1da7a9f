package ru.vklad.events.serde;

import ru.vklad.events.AwardCommand;

public class AwardCommandDeserializer extends JsonDeserializer<AwardCommand> {

    public AwardCommandDeserializer() {
        super(AwardCommand.class);
    }
}
