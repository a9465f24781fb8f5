package dev.crossfire.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The query API's optional bearer token: a request without {@code Authorization: Bearer <token>}
 * gets 401. Compared in constant time, and never logged or echoed.
 */
final class BearerToken {

    private BearerToken() {
    }

    static HttpHandler guard(String token, HttpHandler handler) {
        if (token == null || token.isEmpty()) {
            return handler;
        }
        return ex -> {
            if (admits(token, ex)) {
                handler.handle(ex);
            }
        };
    }

    /** True when the request carries the token (or none is required); else answers 401 and returns false. */
    static boolean admits(String token, HttpExchange ex) throws IOException {
        if (token == null || token.isEmpty()) {
            return true;
        }
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        String given = ex.getRequestHeaders().getFirst("Authorization");
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"crossfire\"");
        Http.sendError(ex, 401, "a bearer token is required (Authorization: Bearer ...)");
        return false;
    }
}
