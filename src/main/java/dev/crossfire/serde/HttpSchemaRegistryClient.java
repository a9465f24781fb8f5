package dev.crossfire.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;

/**
 * A client for the Confluent Schema Registry REST API (also served by Apicurio's ccompat API and
 * other Confluent-compatible registries), written here because Confluent's own client is not on
 * Maven Central.
 *
 * <p>Ids and schemas are cached: once a subject's id is known no request is made per record, and a
 * registry that goes down mid-run leaves cached ids working. 5xx answers, time-outs and refused
 * connections are retried with exponential backoff, then the next URL is tried; 4xx answers are
 * final and turned into one-line errors (404 subject or schema not found, 409 incompatible, 422
 * invalid, 401 and 403 naming the settings of the authentication in use). In the OAuth modes the
 * token endpoint is reached through the same HTTP client, trust store and time-outs.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final HttpClient http;
    private final OAuthTokens tokens;
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(RegistrySettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock when tokens expire: a test moves it instead of waiting */
    HttpSchemaRegistryClient(RegistrySettings settings, Clock clock) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1);
        if (settings.trustStore() != null) {
            builder.sslContext(trusting(settings));
        }
        this.http = builder.build();
        this.tokens = settings.auth() instanceof RegistryAuth.OAuth oauth
            ? new OAuthTokens(oauth, http, settings.timeout(), settings.retries(), settings.backoff(), clock) : null;
    }

    public RegistrySettings settings() {
        return settings;
    }

    @Override
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + segment(subject) + "/versions",
            "register the schema " + schema.getFullName() + " under subject " + subject);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + segment(subject),
            "look up the schema " + schema.getFullName() + " under subject " + subject);
    }

    /** Both calls answer the schema's global id; once known it is never asked for again. */
    private int cachedId(String subject, Schema schema, String path, String what) {
        String key = subject + "\u0000" + schema;
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", path, schemaBody(schema), what);
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException(where() + " answered without an id when asked to " + what + ": " + answer);
        }
        idsBySubjectAndSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        Schema schema = parse(answer.path("schema").asText(), "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schemasById.get(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + segment(subject) + "/versions/latest", null,
            "fetch the latest version of subject " + subject);
        int id = answer.path("id").asInt();
        Schema schema = parse(answer.path("schema").asText(), "subject " + subject);
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
    }

    /** Whether the schema may be registered under the subject by its compatibility rule (true when the subject is new). */
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + segment(subject) + "/versions/latest", schemaBody(schema),
                "check the compatibility of " + schema.getFullName() + " with subject " + subject);
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return true;
            }
            throw e;
        }
    }

    /** The subject's compatibility level, or the registry's global one when the subject has none. */
    public String compatibility(String subject) {
        try {
            JsonNode answer = send("GET", "/config/" + segment(subject), null, "read the compatibility of subject " + subject);
            return level(answer);
        } catch (SchemaRegistryException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        return level(send("GET", "/config", null, "read the global compatibility level"));
    }

    public void setCompatibility(String subject, String level) {
        send("PUT", "/config/" + segment(subject), "{\"compatibility\":\"" + level + "\"}",
            "set the compatibility of subject " + subject + " to " + level);
    }

    private static String level(JsonNode answer) {
        JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
        return level == null ? null : level.asText();
    }

    /** One request with retries across attempts and URLs; returns the parsed JSON answer. */
    private JsonNode send(String method, String path, String body, String what) {
        SchemaRegistryException last = null;
        for (URI base : settings.urls()) {
            Duration wait = settings.backoff();
            for (int attempt = 0; attempt <= settings.retries(); attempt++) {
                if (attempt > 0) {
                    sleep(wait);
                    wait = wait.multipliedBy(2);
                }
                HttpRequest request;
                try {
                    request = request(base, method, path, body);
                } catch (TokenEndpointException e) {
                    throw new TokenEndpointException("cannot " + what + ": " + e.getMessage(), e);
                }
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    last = new SchemaRegistryException("cannot " + what + ": registry at " + base + " unreachable ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", 0, 0, e);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryException("interrupted while trying to " + what, 0, 0, e);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parseAnswer(response.body(), base);
                }
                SchemaRegistryException error = error(status, response.body(), base, what);
                if (status < 500) {
                    throw error;
                }
                last = error;
            }
        }
        throw last;
    }

    private HttpRequest request(URI base, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(settings.timeout())
            .header("Accept", CONTENT_TYPE + ", application/json");
        settings.auth().headers(() -> tokens.token()).forEach(b::header);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private SchemaRegistryException error(int status, String body, URI base, String what) {
        int code = 0;
        String message = body;
        try {
            JsonNode node = JSON.readTree(body);
            code = node.path("error_code").asInt(0);
            message = node.path("message").asText(body);
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the body as the message
        }
        String meaning = switch (status) {
            case 401, 403 -> "not authorised (" + settings.auth().hint() + ")";
            case 404 -> code == 40401 ? "subject not found" : code == 40403 ? "schema not found" : "not found";
            case 409 -> "incompatible with the schemas already registered under the subject's compatibility rule";
            case 422 -> "invalid schema or request";
            default -> status >= 500 ? "registry error" : "refused";
        };
        String shortMessage = message == null || message.isBlank() ? "" : ": " + message.strip().replaceAll("\\s+", " ");
        if (shortMessage.length() > 300) {
            shortMessage = shortMessage.substring(0, 300) + "…";
        }
        return new SchemaRegistryException("cannot " + what + ": " + meaning + " (HTTP " + status
            + (code == 0 ? "" : ", error " + code) + " from " + base + ")" + shortMessage, status, code, null);
    }

    private static JsonNode parseAnswer(String body, URI base) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new SchemaRegistryException("registry at " + base + " answered something that is not JSON: " + body, 0, 0, e);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("the registry's " + what + " is not a readable Avro schema: " + e.getMessage(), 0, 0, e);
        }
    }

    private static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String where() {
        return "registry at " + settings.urls();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting to retry", 0, 0, e);
        }
    }

    private static SSLContext trusting(RegistrySettings settings) {
        try (InputStream in = Files.newInputStream(settings.trustStore())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            char[] password = settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
            store.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use trust store " + settings.trustStore() + ": " + e.getMessage(), e);
        }
    }
}
