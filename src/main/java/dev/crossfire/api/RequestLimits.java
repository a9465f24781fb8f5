package dev.crossfire.api;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one request to the HTTP endpoint may be: every route is a GET with a short URI, a few
 * headers and no body. A request over a bound is refused with the status that names it before any
 * route sees it. The JDK server's own caps ({@link JdkServerLimits}) sit above these: between the
 * two a client gets a readable refusal, beyond them the connection is dropped unanswered.
 */
final class RequestLimits {

    /** Request target (path and query), in characters as sent. */
    static final int MAX_URI_CHARS = 8 * 1024;
    /** Header lines, a repeated header counting once per line. */
    static final int MAX_HEADERS = 64;
    /** All header lines together, names, values and separators. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Query parameters; the widest route reads five. */
    static final int MAX_QUERY_PARAMS = 16;

    /** Why a request is refused: the status and a message for the JSON error body. */
    record Refusal(int status, String message) {
    }

    private RequestLimits() {
    }

    static Optional<Refusal> check(HttpExchange exchange) {
        String target = exchange.getRequestURI().toString();
        if (target.length() > MAX_URI_CHARS) {
            return Optional.of(new Refusal(414, "the request URI is longer than " + MAX_URI_CHARS + " characters"));
        }
        Headers headers = exchange.getRequestHeaders();
        int lines = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                lines++;
                bytes += header.getKey().length() + (value == null ? 0 : value.length()) + 4; // ": " and CRLF
            }
        }
        if (lines > MAX_HEADERS) {
            return Optional.of(new Refusal(431, "more than " + MAX_HEADERS + " request headers"));
        }
        if (bytes > MAX_HEADER_BYTES) {
            return Optional.of(new Refusal(431, "request headers longer than " + MAX_HEADER_BYTES + " bytes"));
        }
        if (hasBody(headers)) {
            // not read: the connection is closed after the answer (JdkServerLimits sets drainAmount to 0)
            return Optional.of(new Refusal(413, "this API takes no request body"));
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.split("&", -1).length > MAX_QUERY_PARAMS) {
            return Optional.of(new Refusal(400, "more than " + MAX_QUERY_PARAMS + " query parameters"));
        }
        return Optional.empty();
    }

    private static boolean hasBody(Headers headers) {
        if (headers.containsKey("Transfer-Encoding")) {
            return true;
        }
        String length = headers.getFirst("Content-Length");
        return length != null && !length.strip().equals("0");
    }
}
