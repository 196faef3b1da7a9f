package ru.vklad.events.serde;

import ru.vklad.events.Activity;

public class ActivityDeserializer extends JsonDeserializer<Activity> {

    public ActivityDeserializer() {
        super(Activity.class);
    }
}
