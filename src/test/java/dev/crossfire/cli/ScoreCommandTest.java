package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.text.HostilityScorer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsScoreReasonsAndTextPerLine() throws IOException {
        Path texts = Files.writeString(dir.resolve("texts.txt"), "You are a liar and a coward\nThe vote is on Tuesday.\n");
        CliRun r = CliRun.of("score", texts.toString());
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        String[] first = lines.get(0).split("\t");
        assertThat(Double.parseDouble(first[0])).isEqualTo(new HostilityScorer().score("You are a liar and a coward").score());
        assertThat(first[1]).contains("personal attack: liar");
        assertThat(first[2]).isEqualTo("You are a liar and a coward");
        assertThat(Double.parseDouble(lines.get(1).split("\t")[0])).isLessThan(0.5);
    }

    @Test
    void jsonLinesCarryTheVerdictAtTheThreshold() throws IOException {
        Path texts = Files.writeString(dir.resolve("texts.txt"), "You are a liar and a coward\n");
        CliRun r = CliRun.of("score", "--json", "--threshold", "0.99", texts.toString());
        JsonNode n = new ObjectMapper().readTree(r.out().strip());
        assertThat(n.get("hostile").asBoolean()).isFalse();
        assertThat(n.get("score").asDouble()).isBetween(0.5, 0.99);
        assertThat(n.get("reasons").get(0).asText()).isEqualTo("personal attack: liar");
    }

    @Test
    void scoresTheTextColumnOfACsvAndReportsRejectedRows() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "id,body\n1,\"Shut up,\nyou clown\"\n2,fine day\n");
        CliRun r = CliRun.of("score", "--csv", csv.toString(), "--text-column", "body");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2).first().asString().endsWith("\tShut up, you clown");
    }

    @Test
    void evaluatesAgainstLabels() throws IOException {
        Path csv = Files.writeString(dir.resolve("l.csv"), """
                id,text,verdict
                1,You are a liar and a coward,rude
                2,Shut up you pathetic clown,rude
                3,Thank you for your service,fine
                4,The vote is on Tuesday,fine
                5,"",
                """);
        CliRun r = CliRun.of("score", "--eval", csv.toString(), "--label-column", "verdict", "--positive", "rude");
        assertThat(r.exit()).as("a row without a label: partial").isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.out()).contains("texts        4 (2 positive)", "precision    1.000", "recall       1.000", "ROC AUC      1.000");
        assertThat(r.err()).contains("line 6 rejected: no verdict label");
    }

    @Test
    void trainsAModelThatTheScorerReads() throws IOException {
        Path data = dir.resolve("data.csv");
        try (InputStream in = getClass().getResourceAsStream("/data/reddit-incivility/incivility_coded_0302.csv")) {
            Files.copy(in, data);
        }
        Path model = dir.resolve("model.tsv.gz");
        CliRun r = CliRun.of("score", "train", "--csv", data.toString(), "--text-column", "comment", "--label-column", "correction",
                "--positive", "1", "--out", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("4982 training rows", "model: " + model);
        assertThat(Files.size(model)).isPositive();

        // the model of one's own is what `score --model` and crossfire.hostility.model read
        Path texts = Files.writeString(dir.resolve("texts.txt"), "You are a liar and a coward\n");
        r = CliRun.of("score", "--model", model.toString(), texts.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        double own = HostilityScorer.withModelFile(model).score("You are a liar and a coward").score();
        assertThat(Double.parseDouble(r.out().split("\t")[0])).isEqualTo(own);

        r = CliRun.of("score", "train", "--csv", data.toString(), "--text-column", "comment", "--label-column", "correction",
                "--positive", "1", "--hold-out");
        assertThat(r.out()).containsPattern("held out: \\d+ rows, scored by a model trained on the other \\d+").contains("ROC AUC");
    }

    @Test
    void aModelFileThatIsNotOneIsRefusedByName() throws IOException {
        Path notAModel = Files.writeString(dir.resolve("model.tsv.gz"), "not gzip\n");
        Path texts = Files.writeString(dir.resolve("texts.txt"), "hello\n");
        CliRun r = CliRun.of("score", "--model", notAModel.toString(), texts.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(notAModel.toString(), "is not a hostility model");
    }

    @Test
    void benchScorePrintsBothRatesAndTheirRatio() {
        CliRun r = CliRun.of("bench", "score", "--texts", "2000", "--rounds", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("scorer (rules + model)", "lower-case and split", "ratio scorer / split", "texts of the demo's posts");
    }

    @Test
    void trainingWithoutADestinationOrMeasureIsRefused() {
        CliRun r = CliRun.of("score", "train", "--csv", "x.csv", "--label-column", "l", "--positive", "y");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("say where the model goes (--out FILE)");
    }

    @Test
    void aLineThatIsNotUtf8IsReportedByNumberAndTheOthersAreScored() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write("You are a liar\nThe vote is on Tuesday.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.write(new byte[] {'b', 'a', 'd', (byte) 0xff, '\n'});
        bytes.write("Thank you all.\nSee you there.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path texts = Files.write(dir.resolve("texts.txt"), bytes.toByteArray());

        CliRun r = CliRun.of("score", texts.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.out().lines().map(l -> l.split("\t")[2]).toList())
            .containsExactly("You are a liar", "The vote is on Tuesday.", "Thank you all.", "See you there.");
        assertThat(r.err()).contains("line 3 not scored: not UTF-8: byte 0xFF at column 4");
    }

    @Test
    void aMissingFileSaysSo() {
        CliRun r = CliRun.of("score", dir.resolve("missing.txt").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("cannot read texts file").contains("missing.txt").contains("no such file");
    }

    @Test
    void aCsvRowThatIsNotUtf8IsReportedAndTheOtherRowsAreScoredAndEvaluated() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write("text,label\nYou are a liar and a coward,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.write("caf\u00e9 society,0\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)); // line 3: Latin-1
        bytes.write("The vote is on Tuesday.,0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path csv = Files.write(dir.resolve("labelled.csv"), bytes.toByteArray());

        CliRun scored = CliRun.of("score", "--csv", csv.toString());
        assertThat(scored.exit()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(scored.out().lines().map(l -> l.split("\t")[2]).toList())
            .containsExactly("You are a liar and a coward", "The vote is on Tuesday.");
        assertThat(scored.err()).contains("line 3 rejected: not UTF-8: byte 0xE9 at column 4");

        CliRun evaluated = CliRun.of("score", "--eval", csv.toString());
        assertThat(evaluated.exit()).as(evaluated.err()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(evaluated.err()).contains("line 3 rejected: not UTF-8");
        assertThat(evaluated.out()).containsPattern("texts\\s+2 \\(1 positive\\)");
    }
}
