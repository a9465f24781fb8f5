package dev.crossfire.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JDK HTTP server's own limits, set against slow and oversized clients. Its defaults let a
 * client that sends a request line and then nothing more hold a worker thread for ever (no
 * {@code maxReqTime}); eight such clients would stop the API. These are system properties read
 * once per JVM, when the first {@code HttpServer} is created, so they are set before
 * {@link HttpEndpoint} creates one, and before the demo's registry server does; a value already
 * given ({@code -Dsun.net.httpserver...}) wins.
 * Names and meanings are those of JDK 17 ({@code sun.net.httpserver.ServerConfig}); a JDK
 * that does not know one ignores it.
 */
public final class JdkServerLimits {

    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        // seconds from a request's first byte to the end of its headers (and of its body, had it one)
        DEFAULTS.put("sun.net.httpserver.maxReqTime", "10");
        // seconds from the end of the request to the end of the answer: a route that asks every
        // other instance takes at most their count times crossfire.http.peer-timeout (5 s)
        DEFAULTS.put("sun.net.httpserver.maxRspTime", "120");
        // hard caps above RequestLimits': past them the connection is closed without an answer
        DEFAULTS.put("sun.net.httpserver.maxReqHeaders", "100");
        DEFAULTS.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(64 * 1024));
        // a request body is never read: refused, and the connection closed instead of drained
        DEFAULTS.put("sun.net.httpserver.drainAmount", "0");
        // open connections, and idle keep-alive ones among them (probes, scrapers, peers)
        DEFAULTS.put("jdk.httpserver.maxConnections", "128");
        DEFAULTS.put("sun.net.httpserver.maxIdleConnections", "32");
    }

    private JdkServerLimits() {
    }

    /**
     * The longest an answer may take before the server closes its connection: the JDK's
     * {@code maxRspTime} as set (or as {@link #apply} sets it); null when there is no limit.
     */
    static java.time.Duration maxResponseTime() {
        String name = "sun.net.httpserver.maxRspTime";
        try {
            long seconds = Long.parseLong(System.getProperty(name, DEFAULTS.get(name)).strip());
            return seconds > 0 ? java.time.Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Sets each limit not already set. Effective only before the JVM's first HTTP server. */
    public static void apply() {
        DEFAULTS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }
}
