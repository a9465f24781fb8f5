package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.SeedFiles;
import dev.crossfire.testing.SeedStory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** detect end to end on the real in-process KRaft broker, through the command line as a user runs it. */
class DetectCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void detectWritesTheSeedAlertsAsJsonLinesAndReportsRejectedLines() throws Exception {
        Path figures = SeedFiles.figures(dir, true);
        List<String> lines = new ArrayList<>();
        for (PostBuilder p : SeedStory.outOfOrderWithDuplicate()) {
            lines.add(p.json());
        }
        lines.add(2, "{not json");
        lines.add("{\"id\": \"x:9\", \"platform\": \"x\", \"createdAt\": \"2020-05-23T00:00:00Z\", \"text\": \"no author\"}");
        lines.add("");
        Path posts = dir.resolve("posts.jsonl");
        Files.write(posts, lines, StandardCharsets.UTF_8);
        // a line that is not UTF-8 (line 10), then a good post after it: one bad byte costs one line, not the run
        byte[] bad = "{\"id\": \"x:10\", \"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(posts, bad, java.nio.file.StandardOpenOption.APPEND);
        Files.write(posts, List.of(PostBuilder.post("x:1264300000000000009", "a_reader", "2020-05-23T16:00:00Z", "Agreed.")
            .replyTo("x:1263970567838932993", "realDonaldTrump").json()), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        // line 12: a post of a megabyte: rejected by number, the run goes on
        Files.write(posts, List.of(PostBuilder.post("x:1264300000000000010", "a_reader", "2020-05-23T16:01:00Z", "x".repeat(1_000_000)).json()),
            StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Path alerts = dir.resolve("out/alerts.jsonl");

        CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", figures.toString(), "--alerts", alerts.toString());
        int exit = run.exit();
        String stderr = run.err();
        System.out.println(stderr.lines().filter(l -> l.startsWith("crossfire") || l.startsWith("rejected")).toList());

        assertThat(exit).as("some lines were rejected: partial success").isEqualTo(ExitCodes.PARTIAL);
        List<JsonNode> written = new ArrayList<>();
        for (String line : Files.readAllLines(alerts)) {
            written.add(JSON.readTree(line));
        }
        assertThat(written).isNotEmpty();
        assertThat(written).extracting(a -> a.get("exchangeId").asText()).allMatch(id -> id.startsWith("donald-trump|jeff-sessions|"));
        assertThat(written).extracting(a -> a.get("level").asText()).contains("ESCALATING");
        JsonNode escalating = written.stream().filter(a -> a.get("level").asText().equals("ESCALATING")).findFirst().orElseThrow();
        assertThat(escalating.get("figures")).hasSize(2);
        assertThat(escalating.get("figures").get(0).get("name").asText()).isEqualTo("Donald J. Trump");
        assertThat(escalating.get("turns").get(0).get("kind").asText()).isEqualTo("NAME");
        assertThat(escalating.get("turns").get(0).get("createdAt").asText()).isEqualTo("2020-05-22T23:10:41Z");
        assertThat(escalating.get("reasons").get(0).get("code").asText()).isEqualTo("RECIPROCAL");
        assertThat(escalating.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(escalating.has("alertId") && escalating.has("triggeredBy") && escalating.has("startedAt")
            && escalating.has("lastActivityAt") && escalating.has("previousLevel")).isTrue();

        assertThat(stderr).contains("rejected line 3: NOT_JSON");
        assertThat(stderr).contains("rejected line 8: MISSING_FIELD: missing required field author.handle");
        assertThat(stderr).contains("rejected line 10: NOT_UTF8: not UTF-8: byte 0xE9 at column 28");
        assertThat(stderr).contains("rejected line 12: TEXT_TOO_LONG");
        assertThat(stderr).containsPattern("crossfire detect: posts read 11, rejected 4, duplicates 1, threads 2 \\(orphans 0\\), alerts \\d+ \\(NOTICE \\d+, ESCALATING 1, SEVERE 0\\)");
    }

    @Test
    void detectRunsAgainstAnExternalBrokerGivenByBootstrapServers() throws Exception {
        Path figures = SeedFiles.figures(dir, false);
        Path posts = SeedFiles.posts(dir, SeedStory.inOrder());
        Path alerts = dir.resolve("alerts.jsonl");
        try (EmbeddedKafka external = EmbeddedKafka.start(dir.resolve("external"))) {
            int exit = CrossfireCommand.execute("detect", "--posts", posts.toString(), "--figures", figures.toString(),
                "--alerts", alerts.toString(), "--bootstrap-servers", external.bootstrapServers());
            assertThat(exit).isZero();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, external.bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).anyMatch(t -> t.startsWith("crossfire-detect-") && t.endsWith(".crossfire.alerts"));
            }
        }
        assertThat(Files.readAllLines(alerts)).isNotEmpty()
            .allSatisfy(line -> assertThat(JSON.readTree(line).get("exchangeId").asText()).startsWith("donald-trump|jeff-sessions|"));
    }

    @Test
    void detectWritesPileOnsNextToTheAlertsWhenAsked() throws Exception {
        Path figures = Files.writeString(dir.resolve("senate.yaml"), String.join("\n",
            "- {id: ted-cruz, name: Ted Cruz, accounts: [{platform: x, handle: SenTedCruz}]}",
            "- {id: john-cornyn, name: John Cornyn, accounts: [{platform: x, handle: JohnCornyn}]}",
            "- {id: rand-paul, name: Rand Paul, accounts: [{platform: x, handle: RandPaul}]}",
            "- {id: gavin-newsom, name: Gavin Newsom, accounts: [{platform: x, handle: GavinNewsom}]}", ""));
        Path posts = dir.resolve("posts.jsonl");
        Files.write(posts, List.of(
            PostBuilder.post("x:1", "SenTedCruz", "2020-05-20T13:00:00Z", "@GavinNewsom You are a liar and a coward!").mentions("GavinNewsom").json(),
            PostBuilder.post("x:2", "JohnCornyn", "2020-05-20T13:20:00Z", "@GavinNewsom Pathetic and corrupt. Resign, you fraud.").mentions("GavinNewsom").json(),
            PostBuilder.post("x:3", "RandPaul", "2020-05-20T13:40:00Z", "@GavinNewsom A disgusting hypocrite. Your lies!").mentions("GavinNewsom").json()),
            StandardCharsets.UTF_8);
        Path alerts = dir.resolve("alerts.jsonl");
        Path pileOns = dir.resolve("pileons.jsonl");
        CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", figures.toString(), "--alerts", alerts.toString(),
            "--pileons", pileOns.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readAllLines(alerts)).isEmpty();
        List<String> lines = Files.readAllLines(pileOns);
        assertThat(lines).hasSize(1);
        JsonNode pileOn = JSON.readTree(lines.get(0));
        assertThat(pileOn.get("pileOnId").asText()).isEqualTo("gavin-newsom|2020-05-20T13:00:00Z");
        assertThat(pileOn.get("level").asText()).isEqualTo("NOTICE");
        assertThat(pileOn.get("target").get("name").asText()).isEqualTo("Gavin Newsom");
        assertThat(pileOn.get("attackers")).extracting(a -> a.get("id").asText()).containsExactly("ted-cruz", "john-cornyn", "rand-paul");
        assertThat(pileOn.get("reasons").get(0).get("label").asText()).isEqualTo("how many pile on");
        assertThat(run.err()).contains("alerts 0", "pile-on alerts 1");
    }

    @Test
    void anUnreachableBrokerFailsWithOneLine() throws Exception {
        Path figures = SeedFiles.figures(dir, false);
        Path posts = SeedFiles.posts(dir, new PostBuilder[] {SeedStory.TRUMP_NAMES_SESSIONS});
        CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", figures.toString(),
            "--alerts", dir.resolve("a.jsonl").toString(), "--bootstrap-servers", "127.0.0.1:1", "--timeout", "PT5S");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("crossfire:")))
            .singleElement().asString().contains("127.0.0.1:1");
    }

    @Test
    void aRegistryThatIsDownAtStartFailsFastWithOneLine() throws Exception {
        Path figures = SeedFiles.figures(dir, false);
        Path posts = SeedFiles.posts(dir, new PostBuilder[] {SeedStory.TRUMP_NAMES_SESSIONS});
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", figures.toString(),
            "--alerts", dir.resolve("a.jsonl").toString(), "--schema-registry-url", "http://127.0.0.1:" + deadPort);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("crossfire:"))).singleElement().asString()
            .startsWith("crossfire: cannot check the compatibility of dev.crossfire.avro.PublicFigure with subject crossfire.figures-value: "
                + "registry at http://127.0.0.1:" + deadPort + " unreachable");
    }

    @Test
    void anUnreadableFileFailsWithOneLineAndExitCodeOne() {
        CliRun run = CliRun.of("detect", "--posts", dir.resolve("missing.jsonl").toString(),
            "--figures", dir.resolve("missing.yaml").toString(), "--alerts", dir.resolve("a.jsonl").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("crossfire: cannot read figures file "
            + dir.resolve("missing.yaml") + ": no such file");
    }
}
