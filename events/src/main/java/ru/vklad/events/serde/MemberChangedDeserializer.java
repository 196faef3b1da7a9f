package ru.vklad.events.serde;

import ru.vklad.events.MemberChanged;

public class MemberChangedDeserializer extends JsonDeserializer<MemberChanged> {

    public MemberChangedDeserializer() {
        super(MemberChanged.class);
    }
}
