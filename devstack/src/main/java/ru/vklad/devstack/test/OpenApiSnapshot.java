package ru.vklad.devstack.test;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The gateway serves one OpenAPI document for the whole HR API, so it carries a copy of the paths and schemas of
 * each service it proxies to ({@code gateway-service/src/main/resources/META-INF/openapi/<service>.json}). Each
 * of those services checks, against its running self, that the copy is current: an endpoint cannot change behind
 * the gateway's back. {@code -Dvklad.openapi.write=true} rewrites the copy instead.
 *
 * <p>Schema names get the service's name as a prefix ({@code ledger.Balance}): the documents are merged into one
 * namespace, where two services' {@code Balance} must not overwrite each other.
 */
public final class OpenApiSnapshot {

    public static final String WRITE_PROPERTY = "vklad.openapi.write";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiSnapshot() {
    }

    /** Compares (or with {@value #WRITE_PROPERTY} writes) the gateway's copy of the running service's document. */
    public static void assertGatewayCopyIsCurrent(String service) {
        String live = render(service, given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
        Path copy = copyOf(service);
        try {
            if (Boolean.getBoolean(WRITE_PROPERTY)) {
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, live, StandardCharsets.UTF_8);
                return;
            }
            String committed = Files.exists(copy) ? Files.readString(copy, StandardCharsets.UTF_8) : "";
            if (!committed.equals(live)) {
                throw new AssertionError("The gateway's OpenAPI copy of " + service + " (" + copy.normalize()
                        + ") is not this service's current document. Rerun this test with -D" + WRITE_PROPERTY
                        + "=true and commit the file.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths, prefixed schemas and tags of a service's document, with keys sorted for a stable diff. */
    static String render(String service, String document) {
        try {
            JsonNode full = JSON.readTree(document);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            copy.set("openapi", full.path("openapi"));
            copy.set("info", JsonNodeFactory.instance.objectNode().put("title", full.path("info").path("title")
                    .asText()).put("version", full.path("info").path("version").asText()));
            copy.set("paths", prefixRefs(service, full.path("paths")));
            ObjectNode schemas = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = full.path("components").path("schemas").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> schema = fields.next();
                schemas.set(service + "." + schema.getKey(), prefixRefs(service, schema.getValue()));
            }
            copy.set("components", JsonNodeFactory.instance.objectNode().set("schemas", schemas));
            if (full.has("tags")) {
                copy.set("tags", full.get("tags"));
            }
            return JSON.writeValueAsString(sorted(copy)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode prefixRefs(String service, JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (field.getKey().equals("$ref") && value.isTextual() && value.asText().startsWith(SCHEMAS)) {
                    out.set("$ref", TextNode.valueOf(SCHEMAS + service + "." + value.asText().substring(SCHEMAS.length())));
                } else {
                    out.set(field.getKey(), prefixRefs(service, value));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(prefixRefs(service, item)));
            return out;
        }
        return node;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            names.forEach(name -> out.set(name, sorted(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }

    private static Path copyOf(String service) {
        return Path.of("..", "gateway-service", "src", "main", "resources", "META-INF", "openapi", service + ".json");
    }
}
