package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.EarningRuleChanged;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.EarningRuleChangedDeserializer;

/** The earning rules: readable by everyone, changed by HR within ranges, never retroactively, and published. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class RuleApiTest {

    @Test
    void theWholeCatalogueIsPublishedAtStartSoEveryReaderKnowsIt() {
        var seeded = TestKafka.await(Topics.EARNING_RULES, new EarningRuleChangedDeserializer(),
                r -> r.value().ruleId().equals("other") && r.value().version() == 1, 1, Duration.ofSeconds(30));
        assertThat(seeded.get(0).key()).isEqualTo("other:1");
        assertThat(seeded.get(0).value().minPoints()).isEqualTo(1);
        assertThat(seeded.get(0).value().maxPoints()).isEqualTo(100);
    }

    @Test
    void everyRoleReadsTheRulesInForce() {
        for (String[] user : new String[][] {{"employee", "demo-employee"}, {"hr.analyst", "demo-hr-analyst"}}) {
            as(user[0], user[1]).get("/api/rules").then().statusCode(200)
                    .body("ruleId", hasItems("like", "substantive_comment", "repost", "poll_vote", "approved_idea",
                            "finished_project", "contest_win", "weekly_most_active"))
                    .body("find { it.ruleId == 'repost' }.minPoints", equalTo(10))
                    .body("find { it.ruleId == 'repost' }.maxPoints", equalTo(15));
        }
        given().get("/api/rules").then().statusCode(401);
    }

    @Test
    void aChangeIsANewVersionFromItsEffectiveTimeAndIsPublished() {
        // Effective far in the future, so no other test of the build earns under it.
        int version = as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("points", 2, "effectiveFrom", "2099-01-01T00:00:00Z"))
                .put("/api/rules/like").then().statusCode(200)
                .body("points", equalTo(2)).body("effectiveFrom", equalTo("2099-01-01T00:00:00Z"))
                .extract().path("version");
        assertThat(version).isGreaterThanOrEqualTo(2);
        as("employee", "demo-employee").get("/api/rules").then().statusCode(200)
                .body("find { it.ruleId == 'like' }.points", equalTo(1));

        EarningRuleChanged published = TestKafka.await(Topics.EARNING_RULES, new EarningRuleChangedDeserializer(),
                r -> r.key().equals("like:" + version), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(published.points()).isEqualTo(2);
        assertThat(published.changedBy()).isEqualTo("hr.admin");
    }

    @Test
    void changesOutsideTheRangeInThePastOrByOthersAreRefused() {
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("points", 9))
                .put("/api/rules/like").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("1–5"));
        as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("points", 2, "effectiveFrom", "2020-01-01T00:00:00Z"))
                .put("/api/rules/like").then().statusCode(400).body("detail", containsString("retroactively"));
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("points", 2))
                .put("/api/rules/no_such_rule").then().statusCode(404);
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("points", 0))
                .put("/api/rules/like").then().statusCode(400).body("errors[0].field", equalTo("points"));
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of())
                .put("/api/rules/like").then().statusCode(400).body("detail", containsString("Nothing to change"));
        as("hr.analyst", "demo-hr-analyst").contentType("application/json").body(Map.of("points", 2))
                .put("/api/rules/like").then().statusCode(403);
    }

    @Test
    void capsArePartOfTheRuleReadByEveryoneAndChangedByHr() {
        as("employee", "demo-employee").get("/api/rules").then().statusCode(200)
                .body("find { it.ruleId == 'like' }.limits.perDay", equalTo(50))
                .body("find { it.ruleId == 'like' }.limits.perWeek", equalTo(200))
                .body("find { it.ruleId == 'substantive_comment' }.limits.cooldownSeconds", equalTo(60))
                .body("find { it.ruleId == 'approved_idea' }.limits", nullValue());
        EarningRuleChanged seeded = TestKafka.await(Topics.EARNING_RULES, new EarningRuleChangedDeserializer(),
                r -> r.key().equals("poll_vote:1"), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(seeded.limits()).isEqualTo(new EarningRuleChanged.Limits(10, 30, 0));

        // Only the caps change: the points stay those of the latest version.
        int version = as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("perDay", 3, "cooldownSeconds", 600, "effectiveFrom", "2099-01-01T00:00:00Z"))
                .put("/api/rules/repost").then().statusCode(200)
                .body("points", equalTo(10)).body("limits.perDay", equalTo(3)).body("limits.perWeek", equalTo(20))
                .extract().path("version");
        EarningRuleChanged published = TestKafka.await(Topics.EARNING_RULES, new EarningRuleChangedDeserializer(),
                r -> r.key().equals("repost:" + version), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(published.limits()).isEqualTo(new EarningRuleChanged.Limits(3, 20, 600));

        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("perDay", 5))
                .put("/api/rules/approved_idea").then().statusCode(400).body("detail", containsString("no caps"));
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("perDay", 60, "perWeek", 40))
                .put("/api/rules/like").then().statusCode(400).body("detail", containsString("less than 60 a day"));
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("perWeek", -1))
                .put("/api/rules/like").then().statusCode(400).body("errors[0].field", equalTo("perWeek"));
    }

    @Test
    void capsCanDifferByCommunityAndTheSetIsKeptUntilReplaced() {
        Map<String, Object> customers = Map.of("perDay", 2, "perWeek", 6, "cooldownSeconds", 300);
        int withCommunity = as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("communities", Map.of("229000002", customers), "effectiveFrom", "2099-02-01T00:00:00Z"))
                .put("/api/rules/poll_vote").then().statusCode(200)
                .body("limits.perDay", equalTo(10)).body("communities.229000002.perDay", equalTo(2))
                .body("communities.229000002.cooldownSeconds", equalTo(300)).extract().path("version");
        EarningRuleChanged published = TestKafka.await(Topics.EARNING_RULES, new EarningRuleChangedDeserializer(),
                r -> r.key().equals("poll_vote:" + withCommunity), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(published.limitsIn(229_000_002L)).isEqualTo(new EarningRuleChanged.Limits(2, 6, 300));
        assertThat(published.limitsIn(229_000_001L)).isEqualTo(new EarningRuleChanged.Limits(10, 30, 0));

        // A change of points alone keeps the community's caps; an empty set removes them.
        as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("points", 4, "effectiveFrom", "2099-03-01T00:00:00Z")).put("/api/rules/poll_vote")
                .then().statusCode(200).body("communities.229000002.perWeek", equalTo(6));
        int cleared = as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("communities", Map.of(), "effectiveFrom", "2099-04-01T00:00:00Z"))
                .put("/api/rules/poll_vote").then().statusCode(200).body("communities.size()", equalTo(0))
                .extract().path("version");
        assertThat(TestKafka.await(Topics.EARNING_RULES, new EarningRuleChangedDeserializer(),
                r -> r.key().equals("poll_vote:" + cleared), 1, Duration.ofSeconds(30)).get(0).value()
                .communityLimits()).isEmpty();

        as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("communities", Map.of("229000002", Map.of("perDay", 9, "perWeek", 3, "cooldownSeconds",
                        0)))).put("/api/rules/poll_vote").then().statusCode(400)
                .body("detail", containsString("communities.229000002.perWeek"));
        as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("communities", Map.of("229000002", Map.of("perDay", 9))))
                .put("/api/rules/poll_vote").then().statusCode(400)
                .body("errors.field", hasItem(containsString("perWeek")));
        as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("communities", Map.of("229000002", customers))).put("/api/rules/contest_win").then()
                .statusCode(400).body("detail", containsString("no caps"));
    }

    private static RequestSpecification as(String user, String password) {
        return given().auth().oauth2(KeycloakTokens.accessToken(user, password));
    }
}
