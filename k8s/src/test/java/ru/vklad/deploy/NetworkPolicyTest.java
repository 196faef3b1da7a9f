package ru.vklad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import ru.vklad.deploy.NetworkPolicies.Peer;

/** Default deny, then exactly what each service needs, on every rendering. */
class NetworkPolicyTest {

    /** An address of api.vk.com (public) and one inside the cluster network. */
    private static final Peer VK_API = Peer.address("87.240.129.133");
    private static final Peer PRIVATE_HOST = Peer.address("10.12.0.7");
    private static final Peer INGRESS_CONTROLLER = Peer.inNamespace("ingress-nginx");
    private static final Peer PROMETHEUS = Peer.inNamespace("monitoring");
    private static final Peer KUBE_DNS = Peer.inNamespace("kube-system");

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void everythingIsDeniedUnlessAllowed(String rendering) {
        assertThat(new NetworkPolicies(Renderings.get(rendering)).hasDefaultDeny()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void eachServiceReachesItsKafkaDatabaseKeycloakAndDns(String rendering) {
        Manifests m = Renderings.get(rendering);
        NetworkPolicies policies = new NetworkPolicies(m);
        String kafka = Manifests.name(m.ofKind("Kafka").findFirst().orElseThrow());
        String cluster = Manifests.name(m.ofKind("Cluster").findFirst().orElseThrow());
        String keycloak = Manifests.name(m.ofKind("Keycloak").findFirst().orElseThrow());
        Peer broker = Peer.pod(Map.of("strimzi.io/cluster", kafka, "strimzi.io/kind", "Kafka",
                "strimzi.io/name", kafka + "-kafka", "strimzi.io/broker-role", "true"));
        Peer postgres = Peer.pod(Map.of("cnpg.io/cluster", cluster, "cnpg.io/instanceRole", "primary",
                "role", "primary"));
        Peer keycloakPod = Peer.pod(Map.of("app", "keycloak", "app.kubernetes.io/instance", keycloak,
                "app.kubernetes.io/managed-by", "keycloak-operator"));

        SoftAssertions soft = new SoftAssertions();
        m.ofKind("Deployment").forEach(d -> {
            String name = Manifests.name(d);
            Peer pod = Peer.pod(d.at("/spec/template/metadata/labels"));
            soft.assertThat(policies.allows(pod, broker, 9092)).as(name + " → Kafka").isTrue();
            soft.assertThat(policies.allows(pod, postgres, 5432)).as(name + " → PostgreSQL").isTrue();
            soft.assertThat(policies.allows(pod, KUBE_DNS, 53, "UDP")).as(name + " → DNS").isTrue();
            boolean oidc = configMap(m, name).has("QUARKUS_OIDC_AUTH_SERVER_URL");
            soft.assertThat(policies.allows(pod, keycloakPod, 8080)).as(name + " → Keycloak").isEqualTo(oidc);
            soft.assertThat(policies.allows(PROMETHEUS, pod, 8080)).as("Prometheus → " + name).isTrue();
            soft.assertThat(policies.allows(pod, PRIVATE_HOST, 443)).as(name + " → a private address").isFalse();
            soft.assertThat(policies.allows(pod, PRIVATE_HOST, 5432)).as(name + " → another database").isFalse();
        });
        soft.assertAll();
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void onlyTheGatewayAndTheCallbackIntakeAreReachableFromTheIngressController(String rendering) {
        Manifests m = Renderings.get(rendering);
        NetworkPolicies policies = new NetworkPolicies(m);
        Set<String> reachable = new TreeSet<>();
        m.ofKind("Deployment").forEach(d -> {
            if (policies.allows(INGRESS_CONTROLLER, Peer.pod(d.at("/spec/template/metadata/labels")), 8080)) {
                reachable.add(Manifests.name(d));
            }
        });
        assertThat(reachable).containsExactly("vklad-activity", "vklad-gateway");
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void onlyTheNotificationServiceReachesTheVkApi(String rendering) {
        Manifests m = Renderings.get(rendering);
        NetworkPolicies policies = new NetworkPolicies(m);
        Set<String> reaching = new TreeSet<>();
        m.ofKind("Deployment").forEach(d -> {
            if (policies.allows(Peer.pod(d.at("/spec/template/metadata/labels")), VK_API, 443)) {
                reaching.add(Manifests.name(d));
            }
        });
        assertThat(reaching).containsExactly("vklad-notification");
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void servicesCallEachOtherOnlyWhereTheGatewayPropagatesTokens(String rendering) {
        Manifests m = Renderings.get(rendering);
        NetworkPolicies policies = new NetworkPolicies(m);
        List<JsonNode> deployments = m.ofKind("Deployment").toList();
        Set<String> calls = new TreeSet<>();
        for (JsonNode from : deployments) {
            for (JsonNode to : deployments) {
                if (from != to && policies.allows(Peer.pod(from.at("/spec/template/metadata/labels")),
                        Peer.pod(to.at("/spec/template/metadata/labels")), 8080)) {
                    calls.add(Manifests.name(from) + " → " + Manifests.name(to));
                }
            }
        }
        assertThat(calls).containsExactly("vklad-gateway → vklad-analytics", "vklad-gateway → vklad-ledger",
                "vklad-gateway → vklad-notification");
    }

    @ParameterizedTest
    @MethodSource(Renderings.ALL)
    void infrastructureTalksToItselfButNotToTheInternet(String rendering) {
        Manifests m = Renderings.get(rendering);
        NetworkPolicies policies = new NetworkPolicies(m);
        String kafka = Manifests.name(m.ofKind("Kafka").findFirst().orElseThrow());
        String cluster = Manifests.name(m.ofKind("Cluster").findFirst().orElseThrow());
        Peer broker1 = Peer.pod(Map.of("strimzi.io/cluster", kafka, "strimzi.io/kind", "Kafka"));
        Peer postgres = Peer.pod(Map.of("cnpg.io/cluster", cluster));
        assertThat(policies.allows(broker1, broker1, 9091)).as("Kafka replication").isTrue();
        assertThat(policies.allows(postgres, postgres, 5432)).as("PostgreSQL streaming replication").isTrue();
        assertThat(policies.allows(broker1, VK_API, 80)).as("Kafka → internet").isFalse();
        assertThat(policies.allows(postgres, postgres, 22)).as("PostgreSQL → ssh").isFalse();
    }

    private static JsonNode configMap(Manifests m, String name) {
        return m.find("ConfigMap", name).orElseThrow().path("data");
    }
}
