package ru.vklad.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.OpenApiSnapshot;
import ru.vklad.devstack.test.ServiceContract;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.LedgerEventDeserializer;
import ru.vklad.ledger.persistence.Outbox;

/** Award commands through the real broker into the real database, and the database's own invariants. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_ledger"))
class LedgerWiringTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    ru.vklad.ledger.service.HoldExpiry holdExpiry;

    @Test
    void awardIsPostedOnceAndEveryCommandGetsAnOutcome() throws SQLException {
        long member = 52_000_000L + System.nanoTime() % 1_000_000;
        String key = "test:like:" + UUID.randomUUID();
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award("c1-" + key, key, member, 5));
        LedgerEvent posted = outcome("c1-" + key);
        assertThat(posted.type()).isEqualTo(LedgerEvent.Type.ENTRY_POSTED);
        assertThat(posted.balance()).isEqualTo(5L);

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award("c2-" + key, key, member, 5));
        LedgerEvent duplicate = outcome("c2-" + key);
        assertThat(duplicate.type()).isEqualTo(LedgerEvent.Type.COMMAND_DUPLICATE);
        assertThat(duplicate.entryId()).isEqualTo(posted.entryId());
        assertThat(duplicate.balance()).isEqualTo(5L);

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award("c3-" + key, key, member, 50));
        LedgerEvent conflicting = outcome("c3-" + key);
        assertThat(conflicting.type()).isEqualTo(LedgerEvent.Type.COMMAND_REJECTED);
        assertThat(conflicting.reason()).contains("different command");

        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT count(DISTINCT e.id), sum(p.amount), count(p.*) FROM journal_entry e
                     JOIN posting p ON p.entry_id = e.id WHERE e.idempotency_key = ?""")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("entries for the key").isEqualTo(1);
                assertThat(rs.getLong(2)).as("sum of postings").isZero();
                assertThat(rs.getInt(3)).as("postings").isEqualTo(2);
            }
        }

        String token = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");
        given().auth().oauth2(token).get("/api/ledger/members/" + member + "/balance")
                .then().statusCode(200).body("available", equalTo(5));
        given().get("/api/ledger/members/" + member + "/balance").then().statusCode(401);
    }

    @Test
    void theReadSideShowsStatementsEntriesOutcomesAndBalancesAsOfAMoment() throws InterruptedException {
        long member = 55_000_000L + System.nanoTime() % 1_000_000;
        String run = "read-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award(run + "-" + i, run + ":" + i, member, i));
        }
        LedgerEvent third = outcome(run + "-3");
        Thread.sleep(50);
        Instant afterThree = Instant.now();
        Thread.sleep(50);
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award(run + "-4", run + ":4", member, 10));
        LedgerEvent fourth = outcome(run + "-4");
        String token = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");

        given().auth().oauth2(token).get("/api/ledger/members/" + member + "/balance")
                .then().statusCode(200).body("available", equalTo(16)).body("pending", equalTo(0));
        given().auth().oauth2(token).queryParam("at", afterThree.toString())
                .get("/api/ledger/members/" + member + "/balance")
                .then().statusCode(200).body("available", equalTo(6));

        var firstPage = given().auth().oauth2(token).queryParam("limit", 3)
                .get("/api/ledger/members/" + member + "/statement").then().statusCode(200)
                .body("lines.amount", org.hamcrest.Matchers.contains(10, 3, 2))
                .body("lines[0].entryId", equalTo(fourth.entryId().intValue()))
                .extract().jsonPath();
        given().auth().oauth2(token).queryParam("limit", 3).queryParam("before", firstPage.getLong("nextBefore"))
                .get("/api/ledger/members/" + member + "/statement").then().statusCode(200)
                .body("lines.amount", org.hamcrest.Matchers.contains(1))
                .body("nextBefore", org.hamcrest.Matchers.nullValue());

        given().auth().oauth2(token).get("/api/ledger/entries/" + third.entryId()).then().statusCode(200)
                .body("kind", equalTo("award"))
                .body("postings.account", org.hamcrest.Matchers.contains("member:" + member, "system:issuance"))
                .body("postings.amount", org.hamcrest.Matchers.contains(3, -3));
        given().auth().oauth2(token).get("/api/ledger/entries/999999999").then().statusCode(404);

        given().auth().oauth2(token).get("/api/ledger/commands/" + run + "-3").then().statusCode(200)
                .body("outcome", equalTo("ENTRY_POSTED")).body("entryId", equalTo(third.entryId().intValue()));
        given().auth().oauth2(token).get("/api/ledger/commands/never-sent").then().statusCode(404);
        given().auth().oauth2(token).get("/api/ledger/members/" + member + "/statement?limit=0").then().statusCode(400);
        given().get("/api/ledger/entries/" + third.entryId()).then().statusCode(401);
    }

    @Test
    void aHeldAwardIsPendingUntilHrDecidesAndExpiresWhenNobodyDoes() {
        long member = 56_000_000L + System.nanoTime() % 1_000_000;
        String run = "hold-" + UUID.randomUUID();
        String token = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), hold(run + "-h1", run + ":h1", member, 40));
        LedgerEvent held = outcome(run + "-h1");
        assertThat(held.entryKind()).isEqualTo("hold");
        assertThat(held.points()).isZero();
        assertThat(held.pendingChange()).isEqualTo(40);
        assertThat(held.pendingBalance()).isEqualTo(40L);
        given().auth().oauth2(token).get("/api/ledger/members/" + member + "/balance")
                .then().statusCode(200).body("available", equalTo(0)).body("pending", equalTo(40));
        given().auth().oauth2(token).queryParam("after", held.entryId() - 1).queryParam("limit", 1)
                .get("/api/ledger/holds").then().statusCode(200)
                .body("idempotencyKey", org.hamcrest.Matchers.contains(run + ":h1"));
        given().auth().oauth2(token).queryParam("after", held.entryId()).queryParam("limit", 1000)
                .get("/api/ledger/holds").then().statusCode(200)
                .body("idempotencyKey", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(run + ":h1")));

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member),
                decision(AwardCommand.Type.APPROVE_HELD, run + "-ok", run + ":h1:approved", run + ":h1", member));
        LedgerEvent approved = outcome(run + "-ok");
        assertThat(approved.entryKind()).isEqualTo("hold_approved");
        assertThat(approved.points()).isEqualTo(40);
        assertThat(approved.balance()).isEqualTo(40L);
        assertThat(approved.pendingBalance()).isZero();
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member),
                decision(AwardCommand.Type.REJECT_HELD, run + "-no", run + ":h1:rejected", run + ":h1", member));
        assertThat(outcome(run + "-no").reason()).contains("already approved");

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), hold(run + "-h2", run + ":h2", member, 15));
        outcome(run + "-h2");
        assertThat(holdExpiry.expireHeldBefore(Instant.now()).await().atMost(Duration.ofSeconds(10))).isPositive();
        LedgerEvent expired = outcome("hold-expiry-" + TestKafka.await(Topics.LEDGER_EVENTS,
                new LedgerEventDeserializer(), r -> (run + "-h2").equals(r.value().commandId()), 1,
                Duration.ofSeconds(10)).get(0).value().entryId());
        assertThat(expired.entryKind()).isEqualTo("hold_rejected");
        assertThat(expired.pendingBalance()).isZero();
        given().auth().oauth2(token).get("/api/ledger/members/" + member + "/balance")
                .then().statusCode(200).body("available", equalTo(40)).body("pending", equalTo(0));
        given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin"))
                .get("/api/ledger/check").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void anAwardOverTheDepartmentsBudgetIsHeldAndTheExcessReported() {
        long member = 57_000_000L + System.nanoTime() % 1_000_000;
        String department = "Отдел " + UUID.randomUUID();
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Europe/Moscow")).toString();
        TestKafka.send(Topics.MEMBERS, String.valueOf(member), new ru.vklad.events.MemberChanged(member, "E-" + member,
                "Анна Петрова", department, null, null, true, "v1", Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement q = c.prepareStatement("SELECT 1 FROM member_department WHERE vk_user_id = ?")) {
                q.setLong(1, member);
                return q.executeQuery().next();
            }
        });
        String admin = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        given().auth().oauth2(admin).contentType("application/json").body("{\"limit\": 10}")
                .put("/api/ledger/budgets/" + month + "/departments/" + department).then().statusCode(200);
        given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"))
                .contentType("application/json").body("{\"limit\": 10}")
                .put("/api/ledger/budgets/" + month + "/departments/" + department).then().statusCode(403);
        given().auth().oauth2(admin).contentType("application/json").body("{\"limit\": -1}")
                .put("/api/ledger/budgets/" + month + "/overall").then().statusCode(400);
        given().auth().oauth2(admin).get("/api/ledger/budgets/2026-13").then().statusCode(400);

        String run = "budget-" + UUID.randomUUID();
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award(run + "-1", run + ":1", member, 6));
        LedgerEvent first = outcome(run + "-1");
        assertThat(first.entryKind()).isEqualTo("award");
        // The points come out of the department's own issuance account.
        given().auth().oauth2(admin).get("/api/ledger/entries/" + first.entryId()).then().statusCode(200)
                .body("postings.account", org.hamcrest.Matchers.containsInAnyOrder("member:" + member,
                        "system:issuance:" + department));
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award(run + "-2", run + ":2", member, 6));
        List<LedgerEvent> second = TestKafka.await(Topics.LEDGER_EVENTS, new LedgerEventDeserializer(),
                r -> (run + "-2").equals(r.value().commandId()), 2, Duration.ofSeconds(30))
                .stream().map(r -> r.value()).toList();
        assertThat(second).extracting(LedgerEvent::type)
                .containsExactly(LedgerEvent.Type.ENTRY_POSTED, LedgerEvent.Type.BUDGET_EXCEEDED);
        assertThat(second.get(0).entryKind()).isEqualTo("hold");
        assertThat(second.get(1).reason()).contains("бюджет отдела «" + department + "»", "лимит 10, выдано 6");

        given().auth().oauth2(admin).get("/api/ledger/budgets/" + month).then().statusCode(200)
                .body("find { it.department == '" + department + "' }.limit", equalTo(10))
                .body("find { it.department == '" + department + "' }.issued", equalTo(6));
        given().auth().oauth2(admin).get("/api/ledger/members/" + member + "/balance").then()
                .body("available", equalTo(6)).body("pending", equalTo(6));
    }

    @Test
    void redemptionsOfAMonthArePaidThroughItsRegistryAndAFailedPayoutReturnsThePoints() {
        // The whole ledger moves to October 2025, a month no other test posts in, so its registry is this test's.
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2025-10-15T09:00:00Z"));
        io.quarkus.test.junit.QuarkusMock.installMockForType(new ru.vklad.ledger.service.LedgerClock() {
            @Override
            public Instant now() {
                return now.get();
            }
        }, ru.vklad.ledger.service.LedgerClock.class);
        long member = 58_000_000L + System.nanoTime() % 1_000_000;
        String run = "redeem-" + UUID.randomUUID();
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award(run + "-a", run + ":a", member, 150));
        outcome(run + "-a");
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), redeem(run + "-r", run + ":r", member, 120));
        LedgerEvent redeemed = outcome(run + "-r");
        assertThat(redeemed.entryKind()).isEqualTo("redemption");
        assertThat(redeemed.balance()).isEqualTo(30L);
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), redeem(run + "-big", run + ":big", member, 500));
        assertThat(outcome(run + "-big").reason()).isEqualTo("not enough points to redeem: 30 available, 500 asked");

        String admin = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        given().auth().oauth2(admin).post("/api/ledger/payouts/2025-10/registry").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("once the month is over"));
        now.set(Instant.parse("2025-11-02T09:00:00Z"));
        given().auth().oauth2(admin).post("/api/ledger/payouts/2025-10/registry").then().statusCode(200)
                .body("lines.memberVkId", org.hamcrest.Matchers.hasItem((int) member))
                .body("reconciles", equalTo(true))
                .body("lines.find { it.memberVkId == " + member + " }.amountRub", equalTo(1.2f))
                .body("lines.find { it.memberVkId == " + member + " }.status", equalTo("PENDING"));
        given().auth().oauth2(admin).post("/api/ledger/payouts/2025-10/registry").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("already closed"));
        String csv = given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"))
                .accept("text/csv").get("/api/ledger/payouts/2025-10/registry").then().statusCode(200)
                .extract().asString();
        assertThat(csv).startsWith("entry_id,member_vk_id,points,amount_rub,status\n")
                .contains("," + member + ",120,1.20,PENDING\n").containsPattern("TOTAL,\\d+,\\d+,\\d+\\.\\d{2},RECONCILED\n$");

        String body = "{\"outcome\": \"FAILED\", \"reason\": \"карта Спасибо не найдена\"}";
        given().auth().oauth2(admin).contentType("application/json").body(body)
                .post("/api/ledger/payouts/2025-10/lines/" + redeemed.entryId()).then().statusCode(200)
                .body("outcome", equalTo("ENTRY_POSTED"));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"outcome\": \"SETTLED\", \"reason\": \"оплачено\"}")
                .post("/api/ledger/payouts/2025-10/lines/" + redeemed.entryId()).then().statusCode(409)
                .body("reason", org.hamcrest.Matchers.containsString("already failed"));
        given().auth().oauth2(admin).get("/api/ledger/members/" + member + "/balance").then()
                .body("available", equalTo(150));
        given().auth().oauth2(admin).get("/api/ledger/payouts/2025-10/registry").then()
                .body("lines.find { it.memberVkId == " + member + " }.status", equalTo("FAILED"));
        given().auth().oauth2(admin).get("/api/ledger/check").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void everyOutcomeLeavesThroughTheOutbox() {
        String id = "outbox-" + UUID.randomUUID();
        TestKafka.send(Topics.AWARD_COMMANDS, "9", award(id, "test:" + id, 9, 2));
        assertThat(outcome(id).type()).isEqualTo(LedgerEvent.Type.ENTRY_POSTED);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> outbox.unpublished().await().indefinitely() == 0L);
    }

    @Test
    void checkProvesTheInvariantsAndFindsABrokenBalance() throws SQLException {
        String id = "check-" + UUID.randomUUID();
        TestKafka.send(Topics.AWARD_COMMANDS, "11", award(id, "test:" + id, 11, 4));
        outcome(id);
        String admin = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        given().auth().oauth2(admin).get("/api/ledger/check").then().statusCode(200).body("ok", equalTo(true));
        given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"))
                .get("/api/ledger/check").then().statusCode(403);

        // Balances are the one derived table not guarded by triggers: tamper with one and the check must say so.
        try (Connection c = dataSource.getConnection(); Statement sql = c.createStatement()) {
            sql.execute("UPDATE member_balance SET balance = balance + 1 WHERE account_id = "
                    + "(SELECT id FROM account WHERE code = 'member:11')");
            try {
                given().auth().oauth2(admin).get("/api/ledger/check").then().statusCode(200)
                        .body("ok", equalTo(false))
                        .body("violations[0].invariant", equalTo("balance equals postings"))
                        .body("violations[0].detail", org.hamcrest.Matchers.startsWith("member:11: balance"));
            } finally {
                sql.execute("UPDATE member_balance SET balance = balance - 1 WHERE account_id = "
                        + "(SELECT id FROM account WHERE code = 'member:11')");
            }
        }
        given().auth().oauth2(admin).get("/api/ledger/check").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void anAwardIsReversedOnceAndAReversalIsNeverReversed() {
        long member = 54_000_000L + System.nanoTime() % 1_000_000;
        String key = "test:comment:" + UUID.randomUUID();
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award("a-" + key, key, member, 5));
        assertThat(outcome("a-" + key).balance()).isEqualTo(5L);

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), reversal("r1-" + key, key + ":reversal", key, member));
        LedgerEvent reversed = outcome("r1-" + key);
        assertThat(reversed.type()).isEqualTo(LedgerEvent.Type.ENTRY_POSTED);
        assertThat(reversed.points()).isEqualTo(-5);
        assertThat(reversed.balance()).isZero();

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), reversal("r2-" + key, key + ":reversal", key, member));
        assertThat(outcome("r2-" + key).type()).isEqualTo(LedgerEvent.Type.COMMAND_DUPLICATE);

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), reversal("r3-" + key, key + ":again", key, member));
        LedgerEvent second = outcome("r3-" + key);
        assertThat(second.type()).isEqualTo(LedgerEvent.Type.COMMAND_REJECTED);
        assertThat(second.reason()).contains("already reversed");

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member),
                reversal("r4-" + key, key + ":reversal:reversal", key + ":reversal", member));
        assertThat(outcome("r4-" + key).reason()).contains("cannot itself be reversed");

        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), reversal("r5-" + key, "x:" + key, "nothing:" + key, member));
        assertThat(outcome("r5-" + key).reason()).contains("no entry was posted");

        given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin"))
                .get("/api/ledger/check").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void invalidCommandIsRejectedNotLost() {
        String id = "bad-" + UUID.randomUUID();
        TestKafka.send(Topics.AWARD_COMMANDS, "1", award(id, "test:" + id, 1, -3));
        LedgerEvent rejected = outcome(id);
        assertThat(rejected.type()).isEqualTo(LedgerEvent.Type.COMMAND_REJECTED);
        assertThat(rejected.reason()).contains("points must be positive");
    }

    @Test
    void databaseRefusesUnbalancedEntriesAndChangesToHistory() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement sql = c.createStatement()) {
            c.setAutoCommit(false);
            // Postings of an entry arrive in one statement, so an unbalanced statement is refused at once ...
            assertThatThrownBy(() -> sql.execute("""
                    INSERT INTO posting (entry_id, account_id, amount)
                    SELECT nextval('journal_entry_id_seq'), id, 7 FROM account WHERE code = 'system:issuance'"""))
                    .hasMessageContaining("not balanced");
            c.rollback();
            // ... an entry must find its balanced postings in place when it is written ...
            assertThatThrownBy(() -> sql.execute("""
                    INSERT INTO journal_entry (idempotency_key, command_id, command_fingerprint, kind, reason)
                    VALUES ('empty-%s', 'x', 'x', 'award', 'test')""".formatted(UUID.randomUUID())))
                    .hasMessageContaining("not balanced: 0 postings");
            c.rollback();
            // ... and postings whose entry never comes are refused at commit.
            sql.execute("INSERT INTO account (code, kind) VALUES ('system:test-%s', 'system')".formatted(UUID.randomUUID()));
            sql.execute("""
                    WITH entry AS (SELECT nextval('journal_entry_id_seq') AS id)
                    INSERT INTO posting (entry_id, account_id, amount)
                    SELECT entry.id, a.id, CASE a.code WHEN 'system:issuance' THEN -3 ELSE 3 END
                    FROM entry, account a WHERE a.code = 'system:issuance' OR a.id = currval('account_id_seq')""");
            assertThatThrownBy(c::commit).hasMessageContaining("posting_entry_id_fkey");
            c.rollback();
            c.setAutoCommit(true);

            String id = "history-" + UUID.randomUUID();
            TestKafka.send(Topics.AWARD_COMMANDS, "7", award(id, "test:" + id, 7, 3));
            long entryId = outcome(id).entryId();
            assertThatThrownBy(() -> sql.execute("UPDATE journal_entry SET reason = 'rewritten' WHERE id = " + entryId))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("DELETE FROM posting WHERE entry_id = " + entryId))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("TRUNCATE posting CASCADE")).hasMessageContaining("append-only");
        }
    }

    @Test
    void anErasedMembersIdLeavesTheLedgerWhileTheirEntriesStayBalanced() throws SQLException {
        long member = 57_500_000L + System.nanoTime() % 100_000;
        String run = "erase-" + UUID.randomUUID();
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), award(run + "-1", run + ":1", member, 10));
        TestKafka.send(Topics.AWARD_COMMANDS, String.valueOf(member), hold(run + "-2", run + ":2", member, 7));
        LedgerEvent posted = outcome(run + "-1");
        assertThat(posted.type()).isEqualTo(LedgerEvent.Type.ENTRY_POSTED);
        long holdEntry = outcome(run + "-2").entryId();
        String admin = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        given().auth().oauth2(admin).get("/api/ledger/members/" + member + "/balance").then()
                .body("available", equalTo(10)).body("pending", equalTo(7));

        TestKafka.send(Topics.MEMBERS, String.valueOf(member), null);
        // The waiting hold is rejected first: nobody could decide it for an anonymous member.
        LedgerEvent rejected = outcome("hold-erased-" + holdEntry);
        assertThat(rejected.entryKind()).isEqualTo("hold_rejected");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(admin).get("/api/ledger/members/" + member + "/balance").then()
                .body("available", equalTo(0)).body("pending", equalTo(0)));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT count(*) FROM command_outcome WHERE member_vk_id = ?")) {
                q.setLong(1, member);
                ResultSet rows = q.executeQuery();
                rows.next();
                assertThat(rows.getInt(1)).as("outcomes naming the member").isZero();
            }
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT a.code, b.balance, e.idempotency_key, e.command_id FROM account a
                    JOIN member_balance b ON b.account_id = a.id
                    JOIN posting p ON p.account_id = a.id JOIN journal_entry e ON e.id = p.entry_id
                    WHERE e.id = ?""")) {
                q.setLong(1, posted.entryId());
                ResultSet rows = q.executeQuery();
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).as("the account's new name").matches("member:-\\d+");
                assertThat(rows.getLong(2)).as("its balance, unchanged").isEqualTo(10);
                // The keys were the commands' (e.g. an activity award's names the VK id): they name the entry now.
                assertThat(rows.getString(3)).isEqualTo("erased-entry:" + posted.entryId());
                assertThat(rows.getString(4)).isEqualTo("erased-entry:" + posted.entryId());
            }
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT (SELECT count(*) FROM journal_entry WHERE idempotency_key LIKE ? OR command_id LIKE ?)
                         + (SELECT count(*) FROM command_outcome WHERE idempotency_key LIKE ? OR command_id LIKE ?)""")) {
                for (int i = 1; i <= 4; i++) {
                    q.setString(i, run + "%");
                }
                ResultSet rows = q.executeQuery();
                rows.next();
                assertThat(rows.getInt(1)).as("entries and outcomes under the member's keys").isZero();
            }
        }
        given().auth().oauth2(admin).get("/api/ledger/check").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void anEmployeeReadsOnlyTheirOwnBalanceAndStatement() {
        // The demo employee's token carries vk_user_id 51200901.
        String employee = KeycloakTokens.accessToken("employee", "demo-employee");
        given().auth().oauth2(employee).get("/api/ledger/members/51200901/balance").then().statusCode(200)
                .body("vkUserId", equalTo(51200901));
        given().auth().oauth2(employee).get("/api/ledger/members/51200901/statement").then().statusCode(200);
        given().auth().oauth2(employee).get("/api/ledger/members/51200902/balance").then().statusCode(403);
        given().auth().oauth2(employee).get("/api/ledger/members/51200902/statement").then().statusCode(403);
        given().auth().oauth2(employee).get("/api/ledger/check").then().statusCode(403);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        ServiceContract.assertOperable("Vklad ledger");
    }

    @Test
    void theGatewaysCopyOfThisApiIsCurrent() {
        OpenApiSnapshot.assertGatewayCopyIsCurrent("ledger");
    }

    @Test
    void flywayMigratedTheServiceDatabase() {
        ServiceContract.assertFlywayMigrated(dataSource, "vklad_ledger");
    }

    private static LedgerEvent outcome(String commandId) {
        return TestKafka.await(Topics.LEDGER_EVENTS, new LedgerEventDeserializer(),
                r -> commandId.equals(r.value().commandId()), 1, Duration.ofSeconds(30)).get(0).value();
    }

    private static AwardCommand reversal(String commandId, String key, String reverses, long member) {
        return new AwardCommand(commandId, key, AwardCommand.Type.REVERSE, member, 5, "substantive_comment", 1,
                "комментарий удалён", "test", Instant.now(), reverses);
    }

    private static AwardCommand redeem(String commandId, String key, long member, long points) {
        return new AwardCommand(commandId, key, AwardCommand.Type.REDEEM, member, points, null, 0,
                "обмен на бонусы «Спасибо»", "test", Instant.now());
    }

    private static AwardCommand hold(String commandId, String key, long member, long points) {
        return new AwardCommand(commandId, key, AwardCommand.Type.HOLD, member, points, "approved_idea", 1,
                "идея «Кофе в переговорных»", "test", Instant.now());
    }

    private static AwardCommand decision(AwardCommand.Type type, String commandId, String key, String holdKey,
                                         long member) {
        return new AwardCommand(commandId, key, type, member, 0, "approved_idea", 1, "решение HR", "test",
                Instant.now(), null, holdKey);
    }

    private static AwardCommand award(String commandId, String key, long member, long points) {
        return new AwardCommand(commandId, key, AwardCommand.Type.AWARD, member, points, "like", 1,
                "+" + points + " за отметку «Мне нравится»", "test", Instant.now());
    }
}
