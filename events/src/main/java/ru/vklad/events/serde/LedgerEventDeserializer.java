package ru.vklad.events.serde;

import ru.vklad.events.LedgerEvent;

public class LedgerEventDeserializer extends JsonDeserializer<LedgerEvent> {

    public LedgerEventDeserializer() {
        super(LedgerEvent.class);
    }
}
