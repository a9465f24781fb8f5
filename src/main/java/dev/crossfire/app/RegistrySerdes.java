package dev.crossfire.app;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.Topics;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryCheck;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.serde.SubjectPolicy;
import dev.crossfire.topology.CrossfireSerdes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The serdes a run uses, bound to the in-memory registry or to a checked external one: shared by detect, demo and run. */
final class RegistrySerdes {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySerdes.class);

    private RegistrySerdes() {
    }

    /** The in-memory registry, or the external one after checking it answers and accepts crossfire's schemas. */
    static CrossfireSerdes forRun(RegistrySettings registry, Topics topics) {
        if (registry == null) {
            return new CrossfireSerdes(new InMemorySchemaRegistry());
        }
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry);
        SubjectPolicy policy = SubjectPolicy.of(registry);
        Map<String, Schema> subjects = new LinkedHashMap<>();
        subjects.put(policy.strategy().subject(topics.figures(), false, PublicFigure.getClassSchema()), PublicFigure.getClassSchema());
        subjects.put(policy.strategy().subject(topics.threads(), false, ThreadedPost.getClassSchema()), ThreadedPost.getClassSchema());
        subjects.put(policy.strategy().subject(topics.alerts(), false, ExchangeAlert.getClassSchema()), ExchangeAlert.getClassSchema());
        subjects.put(policy.strategy().subject(topics.pileOns(), false, PileOnAlert.getClassSchema()), PileOnAlert.getClassSchema());
        RegistryCheck.verify(client, subjects);
        LOG.info("schema registry {} checked", registry);
        return new CrossfireSerdes(client, policy);
    }

    /** For tools that only read and write crossfire's topics: the external registry, unchecked (a bad URL fails on first use). */
    static CrossfireSerdes forTools(RegistrySettings registry) {
        return new CrossfireSerdes(new HttpSchemaRegistryClient(registry), SubjectPolicy.of(registry));
    }
}
