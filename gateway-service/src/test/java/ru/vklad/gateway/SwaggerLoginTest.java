package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.SharedStack;

/**
 * Swagger UI's "Authorize" button runs the authorization code flow with PKCE against the realm: this walks the
 * same steps a browser does (login form, redirect with a code, code exchange with the verifier) and calls the API
 * with the token it gets. Keycloak must refuse the flow without a code challenge, or PKCE is not enforced.
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class SwaggerLoginTest {

    /** Where Swagger UI of the demo gateway receives the code; the realm allows the demo ports only. */
    private static final String REDIRECT = "http://localhost:8080/q/swagger-ui/oauth2-redirect.html";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final String realm = SharedStack.endpoints().realmUrl();
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Keycloak's cookies are Secure; like browsers on localhost, send them over plain HTTP anyway. */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    @Test
    void swaggerUiIsConfiguredForTheDashboardClientWithPkce() {
        given().get("/q/swagger-ui/index.html").then().statusCode(200)
                .body(containsString("vklad-dashboard"))
                .body(containsString("usePkceWithAuthorizationCodeGrant: true"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString(realm + "/.well-known/openid-configuration"));
    }

    @Test
    void theAuthorizationCodeFlowWithPkceGivesATokenTheApiAccepts() throws Exception {
        String verifier = randomUrlSafe(48);
        String state = randomUrlSafe(12);
        HttpResponse<String> login = get(authorizeUrl(Map.of("code_challenge", challengeOf(verifier),
                "code_challenge_method", "S256", "state", state)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher action = FORM_ACTION.matcher(login.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();

        HttpResponse<String> loggedIn = postForm(action.group(1).replace("&amp;", "&"),
                Map.of("username", "hr.analyst", "password", "demo-hr-analyst"));
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        URI callback = URI.create(loggedIn.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(REDIRECT);
        Map<String, String> answer = query(callback);
        assertThat(answer).containsEntry("state", state).containsKey("code");

        HttpResponse<String> withoutVerifier = postForm(realm + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", "vklad-dashboard",
                        "redirect_uri", REDIRECT, "code", answer.get("code")));
        assertThat(withoutVerifier.statusCode()).as("a code is useless without its verifier").isEqualTo(400);

        String code = loginAgain(verifier);
        HttpResponse<String> tokens = postForm(realm + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", "vklad-dashboard",
                        "redirect_uri", REDIRECT, "code", code, "code_verifier", verifier));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        Matcher token = ACCESS_TOKEN.matcher(tokens.body());
        assertThat(token.find()).isTrue();

        given().auth().oauth2(token.group(1)).get("/api/rules").then().statusCode(200);
        given().auth().oauth2(token.group(1)).contentType("application/json").body(Map.of("points", 3))
                .put("/api/rules/poll_vote").then().statusCode(403);
    }

    @Test
    void keycloakRefusesTheFlowWithoutACodeChallenge() throws Exception {
        HttpResponse<String> refused = get(authorizeUrl(Map.of("state", "no-pkce")));
        String location = refused.headers().firstValue("Location").orElse("");
        assertThat(refused.statusCode() == 302 && location.contains("error=invalid_request")
                || refused.statusCode() == 400)
                .as("status %s, location %s", refused.statusCode(), location).isTrue();
        assertThat(refused.body()).doesNotContain("kc-form-login");
    }

    /** The session cookie from the first login lets Keycloak answer a second authorization at once, with a code. */
    private String loginAgain(String verifier) throws Exception {
        HttpResponse<String> again = get(authorizeUrl(Map.of("code_challenge", challengeOf(verifier),
                "code_challenge_method", "S256", "state", "again")));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        return query(URI.create(again.headers().firstValue("Location").orElseThrow())).get("code");
    }

    private String authorizeUrl(Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("response_type", "code",
                "client_id", "vklad-dashboard", "redirect_uri", REDIRECT, "scope", "openid"));
        params.putAll(extra);
        return realm + "/protocol/openid-connect/auth?" + form(params);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(request(url).GET());
    }

    private HttpResponse<String> postForm(String url, Map<String, String> fields)
            throws IOException, InterruptedException {
        return send(request(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return response;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery() != null ? uri.getRawQuery() : "";
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challengeOf(String verifier) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
