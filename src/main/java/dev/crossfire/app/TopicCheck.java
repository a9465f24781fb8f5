package dev.crossfire.app;

import dev.crossfire.config.Topics;
import dev.crossfire.embedded.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * At start: every topic crossfire reads or writes exists with a cleanup policy that fits its role
 * (the figures registry compacted, the others deleted by time, since a compacted posts or alerts
 * topic would silently drop older records per key). Missing topics are created when allowed, with
 * the layout of {@link TopicLayout}; otherwise the start stops with one line per problem.
 */
public final class TopicCheck {

    private TopicCheck() {
    }

    public static void ensure(Admin admin, Topics topics, boolean create, int partitions, int replicationFactor, Duration timeout)
        throws InterruptedException {
        List<TopicSpec> specs = TopicLayout.specs(topics, partitions);
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) {
                if (create) {
                    create(admin, missing, replicationFactor, timeout);
                } else {
                    missing.forEach(s -> problems.add("topic " + s.name() + " does not exist (set crossfire.topics.create=true to create it)"));
                }
            }
            problems.addAll(policyProblems(admin, specs.stream().filter(s -> existing.contains(s.name())).toList(), timeout));
            if (problems.isEmpty()) {
                problems.addAll(copartitioning(admin, topics, timeout));
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("topics are not ready: " + String.join("; ", problems));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot check the topics: " + e.getMessage(), e);
        }
    }

    /** How many partitions the posts topic has: the thread linker's tasks, and the watermarks the exchange desk waits for. */
    public static int postsPartitions(Admin admin, Topics topics, Duration timeout) throws InterruptedException {
        return describe(admin, List.of(topics.posts()), timeout).get(topics.posts()).partitions().size();
    }

    private static Map<String, TopicDescription> describe(Admin admin, List<String> names, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // a topic created a moment ago may not have reached this broker's metadata yet
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot describe " + names + ": " + e.getMessage(), e);
                }
                Thread.sleep(200);
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot describe " + names + ": " + e.getMessage(), e);
            }
        }
    }

    private static void create(Admin admin, List<TopicSpec> specs, int replicationFactor, Duration timeout)
        throws InterruptedException, ExecutionException, TimeoutException {
        Optional<Short> rf = replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor);
        List<NewTopic> topics = specs.stream()
            .map(s -> new NewTopic(s.name(), Optional.of(s.partitions()), rf).configs(s.effectiveConfigs())).toList();
        for (var result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static List<String> policyProblems(Admin admin, Collection<TopicSpec> specs, Duration timeout)
        throws InterruptedException, ExecutionException, TimeoutException {
        List<String> problems = new ArrayList<>();
        if (specs.isEmpty()) {
            return problems;
        }
        List<ConfigResource> resources = specs.stream().map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, TopicDescription> descriptions = admin.describeTopics(specs.stream().map(TopicSpec::name).toList())
            .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (TopicSpec spec : specs) {
            String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            boolean compacted = policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT);
            if (spec.compacted() && !compacted) {
                problems.add("topic " + spec.name() + " must be compacted (cleanup.policy=compact), it is " + policy);
            } else if (!spec.compacted() && compacted) {
                problems.add("topic " + spec.name() + " must not be compacted (records with the same key would be lost), it is " + policy);
            }
            if (descriptions.get(spec.name()).partitions().isEmpty()) {
                problems.add("topic " + spec.name() + " has no partitions");
            }
        }
        return problems;
    }

    /** The posts topic and the two thread topics must have as many partitions: a post's id decides its partition in all three. */
    private static List<String> copartitioning(Admin admin, Topics topics, Duration timeout)
        throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = List.of(topics.posts(), topics.threadRequests(), topics.threadLinks());
        Map<String, TopicDescription> d = describe(admin, names, timeout);
        int posts = d.get(topics.posts()).partitions().size();
        List<String> problems = new ArrayList<>();
        for (String name : names.subList(1, names.size())) {
            int n = d.get(name).partitions().size();
            if (n != posts) {
                problems.add("topic " + name + " has " + n + " partitions, but " + topics.posts() + " has " + posts
                    + ": they must have as many, since a post's id decides its partition in both");
            }
        }
        return problems;
    }
}
