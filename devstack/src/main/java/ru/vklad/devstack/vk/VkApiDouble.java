package ru.vklad.devstack.vk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the VK API ({@code https://api.vk.com/method/<name>}), for tests and the offline demo. It
 * answers the methods Vklad calls as VK documents them: HTTP 200 with {@code {"response": ...}} or
 * {@code {"error": {"error_code", "error_msg", "request_params"}}}; error 5 for an unknown token, error 6 above
 * the per-token rate limit, error 901 for a user who has not allowed community messages, error 100 for missing
 * parameters; {@code random_id} deduplicated per peer as VK does. What was delivered can be read back
 * ({@link #messages()}, or {@code GET /_double/messages} over HTTP), and failures can be injected.
 */
public final class VkApiDouble implements AutoCloseable {

    /** One message VK accepted. */
    public record SentMessage(long messageId, long groupId, long peerId, int randomId, String text, String keyboard,
                              long sentAtMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add 40 ms to every call, and the double would be the bottleneck of any benchmark.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final LongSupplier clock;
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Set<Long> allowedPeers = ConcurrentHashMap.newKeySet();
    private final Map<Long, String[]> users = new ConcurrentHashMap<>();
    private final List<SentMessage> sent = new ArrayList<>();
    private final Map<String, Long> byPeerAndRandomId = new LinkedHashMap<>();
    private final Map<String, Deque<Long>> recentCalls = new ConcurrentHashMap<>();
    private final Deque<Integer> injectedErrors = new ArrayDeque<>();
    private final AtomicLong messageIds = new AtomicLong(1000);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private volatile int requestsPerSecond = 20;

    private VkApiDouble(HttpServer server, LongSupplier clock) {
        this.server = server;
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "vk-api-double");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/method/", this::method);
        server.createContext("/_double/messages", this::inspect);
        server.start();
    }

    /** Starts on {@code port} of the loopback interface (0: any free port). */
    public static VkApiDouble start(int port) throws IOException {
        return new VkApiDouble(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0),
                System::currentTimeMillis);
    }

    /** Base URL to give the SDK's transport in place of {@code https://api.vk.com/method/}. */
    public URI methodUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/method/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Environment that points a packaged notification service at this double, writing as {@code groupId} with
     * {@code token} (accept it first), at any hour (no quiet hours).
     */
    public Map<String, String> notificationServiceEnvironment(long groupId, String token) {
        return Map.of(
                "VKLAD_NOTIFY_VK_GROUP_ID", String.valueOf(groupId),
                "VKLAD_NOTIFY_VK_TOKEN", token,
                "VKLAD_NOTIFY_VK_API_URL", methodUrl().toString(),
                "VKLAD_NOTIFY_QUIET_HOURS_START", "00:00",
                "VKLAD_NOTIFY_QUIET_HOURS_END", "00:00");
    }

    /** A community token VK would accept, acting for {@code groupId}. */
    public VkApiDouble acceptToken(String token, long groupId) {
        tokens.put(token, groupId);
        return this;
    }

    /** The user allowed community messages (message_allow, or wrote to the community). */
    /** VK no longer accepts this token (revoked or regenerated in the community settings): error 5. */
    public VkApiDouble revokeToken(String token) {
        tokens.remove(token);
        return this;
    }

    public VkApiDouble allowMessages(long userId) {
        allowedPeers.add(userId);
        return this;
    }

    public VkApiDouble denyMessages(long userId) {
        allowedPeers.remove(userId);
        return this;
    }

    public VkApiDouble user(long id, String firstName, String lastName) {
        users.put(id, new String[] {firstName, lastName});
        return this;
    }

    public VkApiDouble requestsPerSecond(int limit) {
        this.requestsPerSecond = limit;
        return this;
    }

    /** The next {@code times} calls fail with {@code errorCode} (e.g. 10 internal error, 9 flood control). */
    public synchronized VkApiDouble failNext(int errorCode, int times) {
        for (int i = 0; i < times; i++) {
            injectedErrors.add(errorCode);
        }
        return this;
    }

    public synchronized List<SentMessage> messages() {
        return List.copyOf(sent);
    }

    public List<SentMessage> messagesTo(long peerId) {
        return messages().stream().filter(m -> m.peerId() == peerId).toList();
    }

    /** Every method call received, accepted or not. */
    public long calls() {
        return calls.get();
    }

    /** Calls answered with error 6 because they came faster than the per-token limit. */
    public long rateLimitedCalls() {
        return rateLimited.get();
    }

    public synchronized void reset() {
        rateLimited.set(0);
        sent.clear();
        byPeerAndRandomId.clear();
        injectedErrors.clear();
        recentCalls.clear();
        calls.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void method(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/method/".length());
            Map<String, String> params = params(exchange);
            ObjectNode answer = answer(name, params);
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private ObjectNode answer(String method, Map<String, String> params) {
        String token = params.get("access_token");
        Long groupId = token == null ? null : tokens.get(token);
        if (groupId == null) {
            return error(5, "User authorization failed: invalid access_token (4).", params);
        }
        if (overRateLimit(token)) {
            rateLimited.incrementAndGet();
            return error(6, "Too many requests per second", params);
        }
        Integer injected = nextInjectedError();
        if (injected != null) {
            return error(injected, switch (injected) {
                case 9 -> "Flood control";
                case 10 -> "Internal server error";
                default -> "Injected error";
            }, params);
        }
        return switch (method) {
            case "messages.send" -> send(groupId, params);
            case "users.get" -> usersGet(params);
            default -> error(3, "Unknown method passed", params);
        };
    }

    private ObjectNode send(long groupId, Map<String, String> params) {
        String text = params.getOrDefault("message", "");
        if (text.isBlank()) {
            return error(100, "One of the parameters specified was missing or invalid: message is empty or invalid",
                    params);
        }
        String randomIdParam = params.get("random_id");
        if (randomIdParam == null) {
            return error(100, "One of the parameters specified was missing or invalid: random_id is a required "
                    + "parameter", params);
        }
        int randomId = Integer.parseInt(randomIdParam);
        if (params.containsKey("peer_ids")) {
            String[] peers = params.get("peer_ids").split(",");
            if (peers.length > 100) {
                return error(100, "One of the parameters specified was missing or invalid: peer_ids is too long",
                        params);
            }
            ArrayNode results = JSON.createArrayNode();
            for (String peer : peers) {
                long peerId = Long.parseLong(peer.trim());
                ObjectNode result = results.addObject().put("peer_id", peerId);
                if (!allowedPeers.contains(peerId)) {
                    result.putObject("error").put("code", 901)
                            .put("description", "Can't send messages for users without permission");
                } else {
                    long messageId = deliver(groupId, peerId, randomId, text, params.get("keyboard"));
                    result.put("message_id", messageId).put("conversation_message_id", messageId);
                }
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("response", results);
            return answer;
        }
        String peer = params.containsKey("user_id") ? params.get("user_id") : params.get("peer_id");
        if (peer == null) {
            return error(100, "One of the parameters specified was missing or invalid: you should specify peer_id, "
                    + "user_id, domain, chat_id or user_ids param", params);
        }
        long peerId = Long.parseLong(peer);
        if (!allowedPeers.contains(peerId)) {
            return error(901, "Can't send messages for users without permission", params);
        }
        return JSON.createObjectNode().put("response", deliver(groupId, peerId, randomId, text,
                params.get("keyboard")));
    }

    private synchronized long deliver(long groupId, long peerId, int randomId, String text, String keyboard) {
        // VK keeps the first message with a given random_id to a peer and answers its id again for repeats.
        return byPeerAndRandomId.computeIfAbsent(peerId + ":" + randomId, key -> {
            long id = messageIds.incrementAndGet();
            sent.add(new SentMessage(id, groupId, peerId, randomId, text, keyboard, clock.getAsLong()));
            return id;
        });
    }

    private ObjectNode usersGet(Map<String, String> params) {
        ArrayNode result = JSON.createArrayNode();
        for (String id : params.getOrDefault("user_ids", "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            long userId = Long.parseLong(id.trim());
            String[] name = users.getOrDefault(userId, new String[] {"DELETED", ""});
            result.addObject().put("id", userId).put("first_name", name[0]).put("last_name", name[1])
                    .put("can_access_closed", true).put("is_closed", false);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("response", result);
        return answer;
    }

    private boolean overRateLimit(String token) {
        long now = clock.getAsLong();
        Deque<Long> window = recentCalls.computeIfAbsent(token, t -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= now - 1000) {
                window.pollFirst();
            }
            if (window.size() >= requestsPerSecond) {
                return true;
            }
            window.addLast(now);
            return false;
        }
    }

    private synchronized Integer nextInjectedError() {
        return injectedErrors.pollFirst();
    }

    private static ObjectNode error(int code, String message, Map<String, String> params) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode error = answer.putObject("error").put("error_code", code).put("error_msg", message);
        ArrayNode requestParams = error.putArray("request_params");
        params.forEach((key, value) -> {
            if (!key.equals("access_token")) {
                requestParams.addObject().put("key", key).put("value", value);
            }
        });
        return answer;
    }

    private void inspect(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = query == null ? Map.of() : decode(query);
            List<SentMessage> messages = params.containsKey("peer_id")
                    ? messagesTo(Long.parseLong(params.get("peer_id"))) : messages();
            byte[] body = JSON.writeValueAsBytes(messages);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            params.putAll(decode(query));
        }
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!body.isBlank()) {
                params.putAll(decode(body));
            }
        }
        return params;
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
