package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostilityFeaturesTest {

    private static final HostilityRules RULES = new HostilityRules();

    /** name -> value, with a check that every hash is the hash of its name. */
    private static Map<String, Double> features(String text) {
        TextTokens scanned = TextTokens.scan(text, HostilityScorer.MAX_CHARS, HostilityScorer.MAX_TOKENS);
        Map<Long, Double> byHash = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        HostilityFeatures.extract(text, scanned, RULES.findings(text, scanned), new HostilityFeatures.NamingSink() {
            @Override
            public void feature(long hash, double value, int token) {
                byHash.merge(hash, value, Double::sum);
            }

            @Override
            public void name(long hash, String name) {
                assertThat(HostilityFeatures.hashOf(name)).as(name).isEqualTo(hash);
                names.put(hash, name);
            }
        });
        Map<String, Double> out = new HashMap<>();
        byHash.forEach((h, v) -> out.put(names.get(h), v));
        assertThat(out).doesNotContainKey(null);
        return out;
    }

    @Test
    void wordsLetterGramsRulesAndSentiment() {
        Map<String, Double> f = features("You are a LIAR 😂");
        assertThat(f).containsKeys("w:you", "w:are", "w:a", "w:liar", "c:^lia", "c:liar", "c:iar$", "r:score", "r:hostile",
                "v:negative", "v:positive", "e:😂");
        assertThat(f).doesNotContainKey("c:^you").as("no letter n-grams for words under four letters");
    }

    @Test
    void textFeaturesMakeAUnitVectorWhateverTheLength() {
        for (String text : new String[] {"liar", "you are such a liar and everybody knows it", "word ".repeat(300)}) {
            TextTokens scanned = TextTokens.scan(text, HostilityScorer.MAX_CHARS, HostilityScorer.MAX_TOKENS);
            double[] squares = new double[1];
            HostilityFeatures.extract(text, scanned, RULES.findings(text, scanned), (hash, value, token) -> {
                if (token >= 0) {
                    squares[0] += value * value; // every occurrence, before repeats are summed
                }
            });
            assertThat(squares[0]).as(text).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void negatedWordsAreLeftToTheRules() {
        Map<String, Double> f = features("He is not a liar");
        assertThat(f).doesNotContainKeys("w:liar", "w:not", "c:liar");
        assertThat(f.get("r:score")).isCloseTo(RULES.score("He is not a liar").score(), within(1e-12));
        assertThat(features("He is a liar")).containsKey("w:liar");
    }
}
