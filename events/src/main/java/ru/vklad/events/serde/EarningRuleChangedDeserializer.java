package ru.vklad.events.serde;

import ru.vklad.events.EarningRuleChanged;

public class EarningRuleChangedDeserializer extends JsonDeserializer<EarningRuleChanged> {

    public EarningRuleChangedDeserializer() {
        super(EarningRuleChanged.class);
    }
}
