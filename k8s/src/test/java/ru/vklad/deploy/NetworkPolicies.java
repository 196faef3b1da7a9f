package ru.vklad.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Evaluates the NetworkPolicies of one rendering the way Kubernetes does (a connection is allowed when a policy
 * selecting the source allows it out and a policy selecting the destination allows it in; a pod selected by no
 * policy of a direction is open in that direction), for pods of the release's namespace and peers outside it.
 */
final class NetworkPolicies {

    /** A party to a connection: a pod (namespace + labels) or an address outside the cluster. */
    record Peer(String namespace, JsonNode labels, String ip) {

        static final String OWN_NAMESPACE = "<release namespace>";

        static Peer pod(JsonNode labels) {
            return new Peer(OWN_NAMESPACE, labels, null);
        }

        static Peer pod(Map<String, String> labels) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            labels.forEach(node::put);
            return pod(node);
        }

        static Peer inNamespace(String namespace) {
            return new Peer(namespace, JsonNodeFactory.instance.objectNode(), null);
        }

        static Peer address(String ip) {
            return new Peer(null, null, ip);
        }
    }

    private final List<JsonNode> policies;

    NetworkPolicies(Manifests manifests) {
        this.policies = manifests.ofKind("NetworkPolicy").toList();
    }

    boolean hasDefaultDeny() {
        return policies.stream().anyMatch(p -> p.at("/spec/podSelector").isEmpty()
                && DeploymentRulesTest.texts(p.at("/spec/policyTypes")).containsAll(List.of("Ingress", "Egress"))
                && p.at("/spec/ingress").isEmpty() && p.at("/spec/egress").isEmpty());
    }

    boolean allows(Peer from, Peer to, int port, String protocol) {
        return (from.ip() != null || allowedBy(from, "Egress", "egress", "to", to, port, protocol))
                && (to.ip() != null || allowedBy(to, "Ingress", "ingress", "from", from, port, protocol));
    }

    boolean allows(Peer from, Peer to, int port) {
        return allows(from, to, port, "TCP");
    }

    private boolean allowedBy(Peer pod, String type, String rulesField, String peersField, Peer other, int port,
            String protocol) {
        List<JsonNode> selecting = policies.stream()
                .filter(p -> Peer.OWN_NAMESPACE.equals(pod.namespace()))
                .filter(p -> Manifests.selects(p.at("/spec/podSelector"), pod.labels()))
                .filter(p -> DeploymentRulesTest.texts(p.at("/spec/policyTypes")).contains(type))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (JsonNode policy : selecting) {
            for (JsonNode rule : policy.at("/spec/" + rulesField)) {
                if (portsMatch(rule.path("ports"), port, protocol) && peersMatch(rule.path(peersField), other)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean portsMatch(JsonNode ports, int port, String protocol) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (p.path("port").asInt() == port && p.path("protocol").asText("TCP").equals(protocol)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peersMatch(JsonNode peers, Peer other) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (peer.has("ipBlock")) {
                if (other.ip() != null && Cidr.contains(peer.at("/ipBlock/cidr").asText(), other.ip())
                        && DeploymentRulesTest.texts(peer.at("/ipBlock/except")).stream()
                                .noneMatch(except -> Cidr.contains(except, other.ip()))) {
                    return true;
                }
                continue;
            }
            if (other.ip() != null) {
                continue;
            }
            boolean namespaceOk;
            if (peer.has("namespaceSelector")) {
                ObjectNode namespaceLabels = JsonNodeFactory.instance.objectNode()
                        .put("kubernetes.io/metadata.name", other.namespace());
                namespaceOk = Manifests.selects(peer.get("namespaceSelector"), namespaceLabels);
            } else {
                namespaceOk = Peer.OWN_NAMESPACE.equals(other.namespace());
            }
            boolean podOk = !peer.has("podSelector") || Manifests.selects(peer.get("podSelector"), other.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** IPv4 CIDR membership. */
    static final class Cidr {
        private Cidr() {
        }

        static boolean contains(String cidr, String ip) {
            String[] parts = cidr.split("/");
            int bits = Integer.parseInt(parts[1]);
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
        }

        private static long toLong(String ip) {
            long value = 0;
            for (String octet : ip.split("\\.")) {
                value = (value << 8) | Integer.parseInt(octet);
            }
            return value;
        }
    }
}
