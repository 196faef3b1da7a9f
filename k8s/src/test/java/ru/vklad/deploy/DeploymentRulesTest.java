package ru.vklad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules every Vklad deployment keeps, checked on every rendering (Helm default and production values, kustomize
 * dev and prod overlays): probes, resources, hardening, resolvable references, scaling, monitoring and ingress.
 */
class DeploymentRulesTest {

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void everyServiceIsDeployed(String rendering) {
        Manifests m = Renderings.get(rendering);
        assertThat(m.ofKind("Deployment").map(Manifests::name))
                .containsExactlyInAnyOrder("vklad-gateway", "vklad-activity", "vklad-ledger", "vklad-analytics",
                        "vklad-notification");
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void deploymentsProbeTheHealthEndpoints(String rendering) {
        SoftAssertions soft = new SoftAssertions();
        Renderings.get(rendering).ofKind("Deployment").forEach(d -> {
            for (JsonNode c : containers(d)) {
                String at = Manifests.name(d) + "/" + c.path("name").asText();
                soft.assertThat(c.at("/startupProbe/httpGet/path").asText()).as(at).isEqualTo("/q/health/started");
                soft.assertThat(c.at("/livenessProbe/httpGet/path").asText()).as(at).isEqualTo("/q/health/live");
                soft.assertThat(c.at("/readinessProbe/httpGet/path").asText()).as(at).isEqualTo("/q/health/ready");
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    soft.assertThat(containerPort(c, c.path(probe).path("httpGet").path("port")))
                            .as(at + " " + probe + " port").isEqualTo(8080);
                }
            }
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void deploymentsRequestAndLimitResources(String rendering) {
        SoftAssertions soft = new SoftAssertions();
        Renderings.get(rendering).ofKind("Deployment").forEach(d -> {
            for (JsonNode c : containers(d)) {
                String at = Manifests.name(d);
                JsonNode r = c.path("resources");
                soft.assertThat(r.at("/requests/cpu").isMissingNode()).as(at + " cpu request").isFalse();
                soft.assertThat(r.at("/requests/memory").isMissingNode()).as(at + " memory request").isFalse();
                soft.assertThat(r.at("/limits/memory").isMissingNode()).as(at + " memory limit").isFalse();
                soft.assertThat(Quantities.bytes(r.at("/limits/memory").asText("0")))
                        .as(at + " memory limit ≥ request")
                        .isGreaterThanOrEqualTo(Quantities.bytes(r.at("/requests/memory").asText("0")));
                // Measured resident memory of a service under load is 339 MiB (bench/deploy/README.md).
                soft.assertThat(Quantities.bytes(r.at("/limits/memory").asText("0")))
                        .as(at + " memory limit above the measured resident memory")
                        .isGreaterThan(339L * 1024 * 1024);
            }
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void deploymentsRunHardened(String rendering) {
        SoftAssertions soft = new SoftAssertions();
        Renderings.get(rendering).ofKind("Deployment").forEach(d -> {
            JsonNode pod = d.at("/spec/template/spec");
            String at = Manifests.name(d);
            soft.assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(at + " runAsNonRoot").isTrue();
            soft.assertThat(pod.at("/securityContext/runAsUser").asInt()).as(at + " runAsUser").isPositive();
            soft.assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(at + " seccomp")
                    .isEqualTo("RuntimeDefault");
            soft.assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
                    .as(at + " no API token mounted").isFalse();
            for (JsonNode c : containers(d)) {
                JsonNode sc = c.path("securityContext");
                soft.assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).as(at + " no escalation").isFalse();
                soft.assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(at + " read-only root").isTrue();
                soft.assertThat(sc.path("privileged").asBoolean()).as(at + " not privileged").isFalse();
                soft.assertThat(texts(sc.at("/capabilities/drop"))).as(at + " drops capabilities").contains("ALL");
                soft.assertThat(texts(sc.at("/capabilities/add"))).as(at + " adds no capability").isEmpty();
                soft.assertThat(c.path("image").asText()).as(at + " image is pinned").doesNotEndWith(":latest")
                        .contains(":");
                String tmpVolume = null;
                for (JsonNode mount : c.path("volumeMounts")) {
                    if (mount.path("mountPath").asText().equals("/tmp")) {
                        tmpVolume = mount.path("name").asText();
                    }
                }
                soft.assertThat(tmpVolume).as(at + " writable /tmp").isNotNull();
                String tmp = tmpVolume;
                soft.assertThat(StreamSupport.stream(pod.path("volumes").spliterator(), false)
                        .anyMatch(v -> v.path("name").asText().equals(tmp) && v.has("emptyDir")))
                        .as(at + " /tmp is an emptyDir").isTrue();
            }
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void secretReferencesAreDocumentedOrCreated(String rendering) throws Exception {
        Manifests m = Renderings.get(rendering);
        Map<String, Set<String>> documented = DeployDocs.secretsToCreate();
        Set<String> created = m.ofKind("Secret").map(Manifests::name).collect(Collectors.toSet());
        Map<String, Set<String>> referenced = SecretReferences.of(m);

        assertThat(referenced).as("Secrets referenced by " + rendering).isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        referenced.forEach((secret, keys) -> {
            if (!created.contains(secret)) {
                soft.assertThat(documented).as("README lists Secret " + secret).containsKey(secret);
                soft.assertThat(documented.getOrDefault(secret, Set.of()))
                        .as("README lists the keys of " + secret).containsAll(keys);
            }
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void configMapReferencesResolve(String rendering) {
        Manifests m = Renderings.get(rendering);
        SoftAssertions soft = new SoftAssertions();
        m.ofKind("Deployment").forEach(d -> {
            for (JsonNode c : containers(d)) {
                for (JsonNode from : c.path("envFrom")) {
                    if (from.has("configMapRef")) {
                        String name = from.at("/configMapRef/name").asText();
                        soft.assertThat(m.find("ConfigMap", name)).as(Manifests.name(d) + " → " + name).isPresent();
                    }
                }
            }
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void servicesHaveAServiceAndAreScrapedByPrometheus(String rendering) {
        Manifests m = Renderings.get(rendering);
        SoftAssertions soft = new SoftAssertions();
        m.ofKind("Deployment").forEach(d -> {
            JsonNode podLabels = d.at("/spec/template/metadata/labels");
            List<JsonNode> services = m.ofKind("Service")
                    .filter(s -> Manifests.selects(s.at("/spec/selector"), podLabels)).toList();
            soft.assertThat(services).as(Manifests.name(d) + " has a Service").hasSize(1);
            services.forEach(s -> soft.assertThat(m.ofKind("ServiceMonitor")
                    .filter(sm -> Manifests.selects(sm.at("/spec/selector"), s.at("/metadata/labels")))
                    .filter(sm -> sm.at("/spec/endpoints/0/path").asText().equals("/q/metrics")))
                    .as(Manifests.name(s) + " scraped at /q/metrics").hasSize(1));
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void replicatedServicesAutoscaleAndHaveADisruptionBudget(String rendering) {
        Manifests m = Renderings.get(rendering);
        SoftAssertions soft = new SoftAssertions();
        m.ofKind("Deployment").forEach(d -> {
            String name = Manifests.name(d);
            List<JsonNode> hpas = m.ofKind("HorizontalPodAutoscaler")
                    .filter(h -> h.at("/spec/scaleTargetRef/kind").asText().equals("Deployment")
                            && h.at("/spec/scaleTargetRef/name").asText().equals(name))
                    .toList();
            int replicas = d.at("/spec/replicas").isMissingNode()
                    ? hpas.stream().mapToInt(h -> h.at("/spec/minReplicas").asInt(1)).max().orElse(1)
                    : d.at("/spec/replicas").asInt();
            List<JsonNode> pdbs = m.ofKind("PodDisruptionBudget")
                    .filter(p -> Manifests.selects(p.at("/spec/selector"), d.at("/spec/template/metadata/labels")))
                    .toList();
            if (replicas > 1) {
                soft.assertThat(hpas).as(name + " with " + replicas + " replicas has an HPA").hasSize(1);
                soft.assertThat(pdbs).as(name + " with " + replicas + " replicas has a PDB").hasSize(1);
                pdbs.forEach(p -> soft.assertThat(p.at("/spec/maxUnavailable").asInt(0))
                        .as(name + " PDB lets one pod go at a time").isBetween(1, replicas - 1));
            } else {
                soft.assertThat(pdbs).as(name + " with one replica has no PDB blocking drains").isEmpty();
            }
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void ingressExposesOnlyTheApiAndTheCallbackPathOverTls(String rendering) {
        Manifests m = Renderings.get(rendering);
        List<JsonNode> ingresses = m.ofKind("Ingress").toList();
        assertThat(ingresses).hasSize(1);
        JsonNode ingress = ingresses.get(0);
        Set<String> tlsHosts = new java.util.TreeSet<>();
        ingress.at("/spec/tls").forEach(t -> tlsHosts.addAll(texts(t.path("hosts"))));
        Map<String, List<String>> backends = new TreeMap<>();
        for (JsonNode rule : ingress.at("/spec/rules")) {
            assertThat(tlsHosts).as("TLS for " + rule.path("host").asText()).contains(rule.path("host").asText());
            for (JsonNode path : rule.at("/http/paths")) {
                backends.computeIfAbsent(path.at("/backend/service/name").asText(), k -> new ArrayList<>())
                        .add(path.path("pathType").asText() + " " + path.path("path").asText());
            }
        }
        assertThat(backends).containsOnlyKeys("vklad-gateway", "vklad-activity");
        assertThat(backends.get("vklad-activity")).containsExactly("Exact /vk/callback");
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void servicesPointAtTheBundledKafkaAndTheirOwnDatabase(String rendering) {
        Manifests m = Renderings.get(rendering);
        String kafka = Manifests.name(m.ofKind("Kafka").findFirst().orElseThrow());
        String cluster = Manifests.name(m.ofKind("Cluster").findFirst().orElseThrow());
        Map<String, String> databaseOwners = m.ofKind("Database").collect(Collectors.toMap(
                db -> db.at("/spec/name").asText(), db -> db.at("/spec/owner").asText()));
        SoftAssertions soft = new SoftAssertions();
        m.ofKind("Deployment").forEach(d -> {
            String service = Manifests.name(d).substring("vklad-".length());
            JsonNode config = m.find("ConfigMap", Manifests.name(d)).orElseThrow().path("data");
            soft.assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).as(service)
                    .isEqualTo(kafka + "-kafka-bootstrap:9092");
            String database = "vklad_" + service;
            soft.assertThat(config.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText()).as(service)
                    .isEqualTo("postgresql://" + cluster + "-rw:5432/" + database);
            soft.assertThat(config.path("QUARKUS_DATASOURCE_JDBC_URL").asText()).as(service)
                    .isEqualTo("jdbc:postgresql://" + cluster + "-rw:5432/" + database);
            soft.assertThat(databaseOwners).as(service + " database and its owner role").containsEntry(database, service);
            soft.assertThat(SecretReferences.envSecret(d, "QUARKUS_DATASOURCE_USERNAME")).as(service)
                    .isEqualTo("vklad-db-" + service);
        });
        soft.assertAll();
    }

    static List<JsonNode> containers(JsonNode deployment) {
        List<JsonNode> containers = new ArrayList<>();
        deployment.at("/spec/template/spec/containers").forEach(containers::add);
        return containers;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }
}
