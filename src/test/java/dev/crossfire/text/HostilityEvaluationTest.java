package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Measures the hostility scorer on real, labelled text, and keeps the shipped model honest. Both data
 * sets may ship with an Apache-2.0 project (see {@code docs/data-and-licences.md}):
 *
 * <ul>
 *   <li>{@code data/reddit-incivility/incivility_coded_0302.csv}: 4,982 Reddit comments labelled uncivil
 *       or not by coders (BSD-3-Clause). The model is trained here on the rows {@link HostilityTrainer#heldOut}
 *       leaves in and measured on the ~30% it holds out, which no option was tuned on;</li>
 *   <li>{@code data/toxicity/cat_small.csv}: 978 Wikipedia Talk replies labelled toxic or not by raters
 *       who saw the reply alone ({@code label_oc}) (Apache-2.0). It trains the shipped model too; here a
 *       model trained on Reddit alone is measured on it, as another domain.</li>
 * </ul>
 * Political speech, the domain that matters, is measured outside the tests on data whose GPL-3.0
 * licence keeps it out of the repository: {@code docs/hostility.md} gives the command and figures.
 * Floors sit a little below what was measured (in the comments), so that a regression fails; raise
 * them when the scorer gets better, never lower them to make a change pass. Every figure is printed.
 */
class HostilityEvaluationTest {

    static final String REDDIT = "/data/reddit-incivility/incivility_coded_0302.csv";
    static final String CAT_SMALL = "/data/toxicity/cat_small.csv";
    static final String GERMEVAL_TRAINING = "/data/germeval2018/germeval2018.training.csv";
    static final String GERMEVAL_TEST = "/data/germeval2018/germeval2018.test.csv";
    static final String SARCASM = "/data/sarcasm/mock-praise.csv";

    static List<TextTable.Row> rows(String resource, String textColumn, String label, String positive) throws IOException {
        try (InputStream in = HostilityEvaluationTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the test class path").isNotNull();
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            TextTable.Contents contents = TextTable.read(reader, textColumn, label, positive);
            assertThat(contents.rejected()).as("rejected rows of " + resource).isEmpty();
            return contents.rows();
        }
    }

    static List<TextTable.Row> reddit() throws IOException {
        return rows(REDDIT, "comment", "correction", "1");
    }

    static List<TextTable.Row> catSmall() throws IOException {
        return rows(CAT_SMALL, "text", "label_oc", "1");
    }

    static Evaluation evaluate(HostilityScorer scorer, List<TextTable.Row> rows) {
        double[] scores = new double[rows.size()];
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scorer.score(rows.get(i).text()).score();
            labels[i] = rows.get(i).positive();
        }
        return Evaluation.of(scores, labels, scorer.threshold());
    }

    static void print(String what, Evaluation e) {
        System.out.printf(Locale.ROOT, "%s: n=%d (%d positive), precision %.3f, recall %.3f, F1 %.3f at %.2f; best F1 %.3f; ROC AUC %.3f%n",
                what, e.texts(), e.positives(), e.precision(), e.recall(), e.f1(), e.threshold(), e.bestF1(), e.rocAuc());
    }

    @Test
    void heldOutRedditComments() throws IOException {
        List<TextTable.Row> all = reddit();
        assertThat(all).hasSize(4982);
        List<TextTable.Row> train = new ArrayList<>();
        List<TextTable.Row> heldOut = new ArrayList<>();
        for (TextTable.Row r : all) {
            (HostilityTrainer.heldOut(r.id()) ? heldOut : train).add(r);
        }
        assertThat(heldOut).hasSizeBetween(1300, 1700);

        HostilityTrainer.Trained trained = new HostilityTrainer(HostilityTrainer.DEFAULTS).train(train, catSmall());
        Evaluation model = evaluate(HostilityScorer.with(trained), heldOut);
        Evaluation rules = evaluate(HostilityScorer.rulesOnly(), heldOut);
        print("held-out Reddit comments, rules + model", model);
        print("held-out Reddit comments, rules alone ", rules);

        // measured: F1 0.664 at 0.5, best F1 0.714, AUC 0.912 (the rules alone: F1 0.677, AUC 0.910) on 1,531 held-out comments
        assertThat(model.rocAuc()).as("ROC AUC").isGreaterThanOrEqualTo(0.88);
        assertThat(model.f1()).as("F1 at the threshold").isGreaterThanOrEqualTo(0.60);
        assertThat(model.rocAuc()).as("the model ranks better than the rules it starts from").isGreaterThan(rules.rocAuc());
    }

    @Test
    void catSmallIsAnotherDomain() throws IOException {
        List<TextTable.Row> rows = catSmall();
        assertThat(rows).hasSize(978);
        HostilityTrainer.Trained redditOnly = new HostilityTrainer(HostilityTrainer.DEFAULTS).train(reddit(), List.of());
        Evaluation model = evaluate(HostilityScorer.with(redditOnly), rows);
        Evaluation rules = evaluate(HostilityScorer.rulesOnly(), rows);
        print("cat_small.csv (Wikipedia Talk), rules + a model of Reddit alone", model);
        print("cat_small.csv (Wikipedia Talk), rules alone                    ", rules);
        assertThat(model.positives()).isEqualTo(125);
        // measured: rules alone precision 0.692, recall 0.648, AUC 0.918
        assertThat(model.rocAuc()).isGreaterThanOrEqualTo(0.86);
        assertThat(rules.precision()).isGreaterThanOrEqualTo(0.67);
        assertThat(rules.recall()).isGreaterThanOrEqualTo(0.62);
    }

    /** German: the shipped model of GermEval's training tweets, on its test tweets, which nothing was tuned on. */
    @Test
    void germanTweetsHeldOut() throws IOException {
        List<TextTable.Row> test = rows(GERMEVAL_TEST, "text", "coarse", "OFFENSE");
        assertThat(test).hasSize(3532);
        double[] scores = new double[test.size()];
        boolean[] labels = new boolean[test.size()];
        HostilityScorer scorer = new HostilityScorer();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scorer.score(test.get(i).text(), "de").score();
            labels[i] = test.get(i).positive();
        }
        Evaluation german = Evaluation.of(scores, labels, scorer.threshold());
        print("GermEval 2018 test tweets (de), German rules + model", german);
        // measured: precision 0.584, recall 0.626, F1 0.604, AUC 0.753; the German rules alone: F1 0.134, AUC 0.545
        assertThat(german.f1()).isGreaterThanOrEqualTo(0.57);
        assertThat(german.rocAuc()).isGreaterThanOrEqualTo(0.72);
    }

    @Test
    void shippedGermanModelIsWhatTrainingMakes() throws IOException {
        HostilityTrainer.Trained trained = new HostilityTrainer(HostilityTrainer.DEFAULTS, Language.DE)
            .train(rows(GERMEVAL_TRAINING, "text", "coarse", "OFFENSE"), List.of());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        HostilityTrainer.write(trained, List.of(), written);
        List<String> shipped;
        try (InputStream in = HostilityModel.class.getResourceAsStream(HostilityModel.resourceOf(Language.DE))) {
            shipped = modelLines(in);
        }
        assertThat(modelLines(new java.io.ByteArrayInputStream(written.toByteArray())))
            .as("retrain the German model with the command in docs/hostility.md").isEqualTo(shipped);
    }

    /** Mock praise against sincere praise, on posts written for crossfire: in-sample, see data/sarcasm/README.md. */
    @Test
    void mockPraiseIsHostileAndSincerePraiseIsNot() throws IOException {
        List<TextTable.Row> rows = rows(SARCASM, "text", "sarcastic", "1");
        assertThat(rows).hasSize(40);
        Evaluation e = evaluate(new HostilityScorer(), rows);
        print("mock praise against sincere praise (in-sample)", e);
        // measured: precision 1.000, recall 0.950 ("Kudos to the Governor for wrecking..." is missed)
        assertThat(e.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(e.recall()).isGreaterThanOrEqualTo(0.90);
    }

    /** The weights in the jar are what the training command in docs/hostility.md makes from the data in the repository. */
    @Test
    void shippedModelIsWhatTrainingMakes() throws IOException {
        HostilityTrainer.Trained trained = new HostilityTrainer(HostilityTrainer.DEFAULTS).train(reddit(), catSmall());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        HostilityTrainer.write(trained, List.of(), written);

        List<String> fresh = modelLines(new java.io.ByteArrayInputStream(written.toByteArray()));
        List<String> shipped;
        try (InputStream in = HostilityModel.class.getResourceAsStream(HostilityModel.RESOURCE)) {
            shipped = modelLines(in);
        }
        assertThat(fresh).as("retrain with the command in docs/hostility.md after changing rules, lexicons or features")
                .hasSameSizeAs(shipped);
        assertThat(fresh).isEqualTo(shipped);
    }

    private static List<String> modelLines(InputStream gzipped) throws IOException {
        String text = new String(new GZIPInputStream(gzipped).readAllBytes(), StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.startsWith("#")).toList();
    }
}
