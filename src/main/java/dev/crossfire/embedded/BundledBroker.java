package dev.crossfire.embedded;

import java.nio.file.Path;

/**
 * The way in to the embedded broker for the commands that start one (demo, bench, detect without a
 * cluster). crossfire-service.jar, the image's jar, leaves Kafka's test kit, the broker and Scala out,
 * and {@link EmbeddedKafka} cannot even be loaded there; this class names no broker type, so it can
 * say so in one line instead of a NoClassDefFoundError.
 */
public final class BundledBroker {

    static final String TEST_KIT = "org.apache.kafka.common.test.KafkaClusterTestKit";

    private BundledBroker() {
    }

    /** Whether this jar carries the embedded broker. */
    public static boolean present() {
        try {
            Class.forName(TEST_KIT, false, BundledBroker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Starts the embedded broker, or fails in one line when this jar has none. */
    public static EmbeddedKafka start(Path dir) {
        if (!present()) {
            throw new IllegalStateException("this jar has no embedded Kafka broker (crossfire-service.jar carries the service only): "
                + "run demo, bench, and detect without --bootstrap-servers from crossfire.jar, or give detect a cluster with --bootstrap-servers");
        }
        return EmbeddedKafka.start(dir);
    }
}
