package ru.vklad.ledger.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import ru.vklad.events.AwardCommand;

class AwardPlannerTest {

    @Test
    void awardDebitsIssuanceAndCreditsTheMember() {
        EntryDraft draft = AwardPlanner.plan(award("k1", 51200901, 5, "like"), AccountCodes.ISSUANCE);
        assertThat(draft.postings()).containsExactly(
                new Posting(AccountCodes.ISSUANCE, -5), new Posting("member:51200901", 5));
        assertThat(draft.idempotencyKey()).isEqualTo("k1");
        assertThat(draft.ruleId()).isEqualTo("like");
    }

    @Test
    void sameFactHasTheSameFingerprintWhateverTheCommandIdOrWording() {
        AwardCommand first = award("k1", 1, 5, "like");
        AwardCommand retry = new AwardCommand("other-id", "k1", AwardCommand.Type.AWARD, 1, 5, "like", 1,
                "другая формулировка", "test", Instant.now());
        assertThat(AwardPlanner.fingerprint(retry)).isEqualTo(AwardPlanner.fingerprint(first));
        assertThat(AwardPlanner.fingerprint(award("k1", 1, 6, "like"))).isNotEqualTo(AwardPlanner.fingerprint(first));
        assertThat(AwardPlanner.fingerprint(award("k1", 2, 5, "like"))).isNotEqualTo(AwardPlanner.fingerprint(first));
    }

    @Test
    void invalidCommandsAreRejectedWithAReason() {
        assertThatThrownBy(() -> AwardPlanner.plan(award("k", 1, 0, "like"), AccountCodes.ISSUANCE)).hasMessageContaining("points");
        assertThatThrownBy(() -> AwardPlanner.plan(award("k", -1, 5, "like"), AccountCodes.ISSUANCE)).hasMessageContaining("memberVkId");
        assertThatThrownBy(() -> AwardPlanner.plan(award(" ", 1, 5, "like"), AccountCodes.ISSUANCE)).hasMessageContaining("idempotencyKey");
        assertThatThrownBy(() -> AwardPlanner.plan(award("k".repeat(201), 1, 5, "like"), AccountCodes.ISSUANCE))
                .hasMessageContaining("200");
    }

    static AwardCommand award(String key, long member, long points, String rule) {
        return new AwardCommand("cmd-" + key, key, AwardCommand.Type.AWARD, member, points, rule, 1,
                "+" + points + " за отметку «Мне нравится»", "test", Instant.now());
    }

    @Test
    void takingBackMovesTheCreditedPointsFromTheMemberToTheIssuanceTheyCameFromAndRefersToTheEntry() {
        AwardCommand reversal = new AwardCommand("cmd-2", "key:reversal", AwardCommand.Type.REVERSE, 1, 5, "like", 1,
                "комментарий удалён", "test", java.time.Instant.now(), "key");
        EntryDraft award = AwardPlanner.plan(award("key", 1, 5, "like"), AccountCodes.issuance("ИТ"));
        EntryDraft draft = AwardPlanner.takeBack(reversal, award, 42, 5);
        org.assertj.core.api.Assertions.assertThat(draft.postings())
                .containsExactly(new Posting("member:1", -5), new Posting("system:issuance:ИТ", 5));
        org.assertj.core.api.Assertions.assertThat(draft.ruleId()).isEqualTo("like");
        org.assertj.core.api.Assertions.assertThat(draft.reversesEntryId()).isEqualTo(42L);
        org.assertj.core.api.Assertions.assertThat(draft.kind()).isEqualTo(EntryKinds.REVERSAL);
    }
}
