package dev.crossfire.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;

/**
 * A schema registry on loopback that answers only requests with the credentials it was told to
 * want, and the OAuth token endpoint ({@code POST /token}) that issues its bearer tokens. The token
 * endpoint checks a request as an identity provider does: the client-credentials grant as a form,
 * the client's id and secret as basic authentication (or in the form). Every request is recorded.
 */
final class AuthenticatingRegistry implements AutoCloseable {

    /** One request: its method, path, headers (names lower-cased) and body. */
    record Seen(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Set<String> acceptedAuthorizations = ConcurrentHashMap.newKeySet();
    private final Map<String, String> requiredHeaders = new ConcurrentHashMap<>();
    private final Deque<String[]> tokenAnswers = new ArrayDeque<>();
    private volatile String clientId;
    private volatile String clientSecret;
    final List<Seen> registryRequests = Collections.synchronizedList(new ArrayList<>());
    final List<Seen> tokenRequests = Collections.synchronizedList(new ArrayList<>());

    private AuthenticatingRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/token", this::token);
        server.createContext("/", this::registry);
        server.start();
    }

    static AuthenticatingRegistry start() throws IOException {
        return new AuthenticatingRegistry();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String tokenUrl() {
        return url() + "/token";
    }

    AuthenticatingRegistry acceptBasic(String user, String password) {
        acceptedAuthorizations.add(basic(user, password));
        return this;
    }

    AuthenticatingRegistry acceptBearer(String token) {
        acceptedAuthorizations.add("Bearer " + token);
        return this;
    }

    AuthenticatingRegistry requireHeader(String name, String value) {
        requiredHeaders.put(name, value);
        return this;
    }

    /** The token endpoint issues tokens to this client only. */
    AuthenticatingRegistry client(String id, String secret) {
        clientId = id;
        clientSecret = secret;
        return this;
    }

    /** The token endpoint's next answer: {@code token} (accepted by the registry from then on) lasting {@code expiresIn} seconds. */
    AuthenticatingRegistry issue(String token, long expiresIn) {
        return answer(200, JSON.createObjectNode().put("access_token", token).put("expires_in", expiresIn).put("token_type", "bearer").toString());
    }

    /** The token endpoint's next answer, as given. */
    synchronized AuthenticatingRegistry answer(int status, String body) {
        tokenAnswers.add(new String[] {String.valueOf(status), body});
        return this;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void token(HttpExchange exchange) throws IOException {
        Seen seen = seen(exchange);
        tokenRequests.add(seen);
        Map<String, String> form = form(seen.body());
        String[] answer;
        synchronized (this) {
            answer = tokenAnswers.isEmpty() ? new String[] {"500", "{\"error\":\"server_error\",\"error_description\":\"no answer scripted\"}"}
                : tokenAnswers.peek();
        }
        boolean clientKnown = clientId != null && (basic(clientId, clientSecret).equals(seen.header("Authorization"))
            || (clientId.equals(form.get("client_id")) && clientSecret.equals(form.get("client_secret"))));
        if (!seen.method().equals("POST") || !"application/x-www-form-urlencoded".equals(seen.header("Content-Type"))
            || !"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"a client_credentials grant is a form POST\"}");
        } else if (!clientKnown) {
            send(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
        } else {
            synchronized (this) {
                tokenAnswers.poll();
            }
            if (answer[0].equals("200")) {
                JsonNode issued = JSON.readTree(answer[1]);
                if (issued.hasNonNull("access_token")) {
                    acceptedAuthorizations.add("Bearer " + issued.get("access_token").asText());
                }
            }
            send(exchange, Integer.parseInt(answer[0]), answer[1]);
        }
    }

    private void registry(HttpExchange exchange) throws IOException {
        Seen seen = seen(exchange);
        registryRequests.add(seen);
        boolean authorized = acceptedAuthorizations.contains(String.valueOf(seen.header("Authorization")))
            && requiredHeaders.entrySet().stream().allMatch(h -> h.getValue().equals(seen.header(h.getKey())));
        if (!authorized) {
            send(exchange, 401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
            return;
        }
        String[] p = seen.path().replaceAll("^/+", "").split("/");
        if (seen.method().equals("POST") && p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
            Schema schema = new Schema.Parser().parse(JSON.readTree(seen.body()).path("schema").asText());
            int id = registry.register(URLDecoder.decode(p[1], StandardCharsets.UTF_8), schema);
            send(exchange, 200, "{\"id\":" + id + "}");
        } else if (seen.method().equals("GET") && p.length == 3 && p[0].equals("schemas") && p[1].equals("ids")) {
            Schema schema = registry.schemaById(Integer.parseInt(p[2]));
            send(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()).toString());
        } else {
            send(exchange, 404, "{\"error_code\":40400,\"message\":\"not served here\"}");
        }
    }

    private static Seen seen(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
