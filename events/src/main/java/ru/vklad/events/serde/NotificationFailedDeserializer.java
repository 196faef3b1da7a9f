package ru.vklad.events.serde;

import ru.vklad.events.NotificationFailed;

public class NotificationFailedDeserializer extends JsonDeserializer<NotificationFailed> {

    public NotificationFailedDeserializer() {
        super(NotificationFailed.class);
    }
}
