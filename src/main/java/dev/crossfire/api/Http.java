package dev.crossfire.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small pieces of HTTP shared by the routes: JSON answers, query parameters, path segments. */
final class Http {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Http() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        sendText(exchange, status, body.toString(), "application/json");
    }

    static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, object().put("error", message));
    }

    static void sendText(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The query string's parameters, decoded; the last of repeated ones wins. */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A percent-encoded path segment, decoded; a '+' stays a '+' (it means a space only in query strings). */
    static String decodeSegment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Percent-encodes an id for a path segment, so ids with '/', '|' or ':' travel intact. */
    static String encodeSegment(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
