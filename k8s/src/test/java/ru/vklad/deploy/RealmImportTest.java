package ru.vklad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm imported in the cluster is the devstack realm that every test runs against (roles, clients, audience
 * mappers), without its demo users and demo secret, and with no password grant.
 */
class RealmImportTest {

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void clusterRealmIsTheTestedRealmWithoutDemoData(String rendering) throws Exception {
        JsonNode tested = new ObjectMapper().readTree(Files.readString(
                Renderings.projectDir().resolve("devstack/src/main/resources/realm/vklad-realm.json")));
        JsonNode imports = Renderings.get(rendering).ofKind("KeycloakRealmImport").findFirst().orElseThrow();
        JsonNode realm = imports.at("/spec/realm");

        assertThat(realm.path("realm").asText()).isEqualTo(tested.path("realm").asText());
        assertThat(realm.path("roles")).isEqualTo(tested.path("roles"));
        assertThat(realm.has("users")).as("no demo users").isFalse();
        Map<String, JsonNode> clients = clients(realm);
        Map<String, JsonNode> testedClients = clients(tested);
        assertThat(clients.keySet()).isEqualTo(testedClients.keySet());
        clients.forEach((id, client) -> {
            JsonNode same = testedClients.get(id);
            assertThat(client.path("publicClient")).as(id).isEqualTo(same.path("publicClient"));
            assertThat(client.path("protocolMappers")).as(id + " mappers").isEqualTo(same.path("protocolMappers"));
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(id + " password grant").isFalse();
        });
        assertThat(clients.get("vklad-gateway").path("secret").asText())
                .isEqualTo("${VKLAD_GATEWAY_CLIENT_SECRET}");
        assertThat(imports.at("/spec/placeholders/VKLAD_GATEWAY_CLIENT_SECRET/secret/name").asText()).isNotEmpty();
        List<String> redirects = new ArrayList<>();
        clients.get("vklad-dashboard").path("redirectUris").forEach(u -> redirects.add(u.asText()));
        assertThat(redirects).isNotEmpty().allMatch(u -> u.startsWith("https://"));
    }

    private static Map<String, JsonNode> clients(JsonNode realm) {
        Map<String, JsonNode> clients = new TreeMap<>();
        realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
        return clients;
    }
}
