package ru.vklad.notification.vk;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.http.Header;

import com.vk.api.sdk.client.ClientResponse;
import com.vk.api.sdk.client.TransportClient;

/**
 * The VK SDK's transport over the JDK HTTP client, sending to a configured method endpoint: the SDK always builds
 * {@code https://api.vk.com/method/...}, which this rewrites so tests and the offline demo reach the local VK API
 * double. Only what {@code messages.send} and {@code users.get} need (form POSTs and GETs) is supported.
 */
public final class VkTransport implements TransportClient {

    private static final String METHOD_PATH = "/method/";

    private final String endpoint;
    private final Duration timeout;
    private final HttpClient http;

    public VkTransport(URI endpoint, Duration timeout) {
        String base = endpoint.toString();
        this.endpoint = base.endsWith("/") ? base : base + "/";
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public ClientResponse post(String url, String body) throws IOException {
        return send(HttpRequest.newBuilder(rewrite(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
    }

    @Override
    public ClientResponse post(String url, String body, String contentType) throws IOException {
        return send(HttpRequest.newBuilder(rewrite(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
    }

    @Override
    public ClientResponse post(String url, String body, Header[] headers) throws IOException {
        return post(url, body);
    }

    @Override
    public ClientResponse post(String url) throws IOException {
        return post(url, "");
    }

    @Override
    public ClientResponse post(String url, Map<String, File> files) {
        throw new UnsupportedOperationException("Vklad uploads no files to VK");
    }

    @Override
    public ClientResponse get(String url) throws IOException {
        return send(HttpRequest.newBuilder(rewrite(url)).GET());
    }

    @Override
    public ClientResponse get(String url, String contentType) throws IOException {
        return get(url);
    }

    @Override
    public ClientResponse get(String url, Header[] headers) throws IOException {
        return get(url);
    }

    @Override
    public ClientResponse delete(String url) {
        throw new UnsupportedOperationException("Vklad calls no DELETE method of VK");
    }

    @Override
    public ClientResponse delete(String url, String body) {
        return delete(url);
    }

    @Override
    public ClientResponse delete(String url, String body, String contentType) {
        return delete(url);
    }

    @Override
    public ClientResponse delete(String url, String body, Header[] headers) {
        return delete(url);
    }

    /** {@code https://<api.host>/method/<name>?...} → {@code <endpoint><name>?...}. */
    URI rewrite(String url) {
        int method = url.indexOf(METHOD_PATH);
        if (method < 0) {
            throw new IllegalArgumentException("not a VK API method URL: " + url);
        }
        return URI.create(endpoint + url.substring(method + METHOD_PATH.length()));
    }

    static String canonical(String headerName) {
        StringBuilder canonical = new StringBuilder(headerName.length());
        boolean upper = true;
        for (char c : headerName.toCharArray()) {
            canonical.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return canonical.toString();
    }

    private ClientResponse send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new HashMap<>();
            // HTTP/2-style lower-case names from the JDK; the SDK looks headers up as "Content-Type".
            response.headers().map().forEach((name, values) -> headers.put(canonical(name), String.join(",", values)));
            return new ClientResponse(response.statusCode(), response.body(), headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling VK", e);
        }
    }
}
