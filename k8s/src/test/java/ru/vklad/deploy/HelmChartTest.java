package ru.vklad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

class HelmChartTest {

    @Test
    void chartPassesStrictLintWithDefaultValues() {
        LintResult result = new Helm(Renderings.chart()).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void chartPassesStrictLintWithProductionValues(@TempDir Path copy) throws Exception {
        // helm-java's lint takes no values file: lint a copy of the chart whose values.yaml has the production
        // values merged in, as Helm merges them.
        Path chart = copy.resolve("vklad");
        try (Stream<Path> files = Files.walk(Renderings.chart())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = chart.resolve(Renderings.chart().relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        YAMLMapper yaml = new YAMLMapper();
        JsonNode defaults = yaml.readTree(chart.resolve("values.yaml").toFile());
        JsonNode production = yaml.readTree(chart.resolve("values-prod.yaml").toFile());
        yaml.writeValue(chart.resolve("values.yaml").toFile(), merge(defaults, production));

        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode merged) || !override.isObject()) {
            return override;
        }
        override.fields().forEachRemaining(field ->
                merged.set(field.getKey(), merged.has(field.getKey())
                        ? merge(merged.get(field.getKey()), field.getValue()) : field.getValue()));
        return merged;
    }

    @Test
    void chartRendersWithExternalInfrastructure() throws Exception {
        String yaml = new Helm(Renderings.chart()).template().withName(Renderings.RELEASE)
                .set("kafka.bundled", false).set("kafka.external.bootstrapServers", "kafka.platform:9092")
                .set("postgresql.bundled", false).set("postgresql.external.host", "pg.platform")
                .set("keycloak.bundled", false).set("keycloak.external.url", "https://sso.example.com")
                .call();
        Manifests manifests = Manifests.parse("helm:external", yaml);

        assertThat(manifests.ofKind("Kafka")).isEmpty();
        assertThat(manifests.ofKind("KafkaTopic")).isEmpty();
        assertThat(manifests.ofKind("Cluster")).isEmpty();
        assertThat(manifests.ofKind("Keycloak")).isEmpty();
        assertThat(manifests.ofKind("Deployment")).hasSize(5);
        var ledger = manifests.find("ConfigMap", "vklad-ledger").orElseThrow().path("data");
        assertThat(ledger.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka.platform:9092");
        assertThat(ledger.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText())
                .isEqualTo("postgresql://pg.platform:5432/vklad_ledger");
        assertThat(ledger.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText())
                .isEqualTo("https://sso.example.com/realms/vklad");
        assertThat(manifests.find("ConfigMap", "vklad-gateway").orElseThrow().path("data")
                .path("VKLAD_GATEWAY_LOGIN_SERVER_URL").asText()).isEqualTo("https://sso.example.com/realms/vklad");
    }

    @Test
    void swaggerUiLogsInAtThePublicKeycloakHostWhileServicesUseTheInternalOne() throws Exception {
        Manifests manifests = Manifests.parse("helm:default",
                new Helm(Renderings.chart()).template().withName(Renderings.RELEASE).call());
        var gateway = manifests.find("ConfigMap", "vklad-gateway").orElseThrow().path("data");
        assertThat(gateway.path("VKLAD_GATEWAY_LOGIN_SERVER_URL").asText())
                .isEqualTo("https://auth.vklad.example.com/realms/vklad");
        assertThat(gateway.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText())
                .isEqualTo("http://vklad-keycloak-service:8080/realms/vklad");
    }
}
