package dev.crossfire.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The tokenizer that DashboardAndRulesTest relies on finds every series in the shapes PromQL allows, and nothing else. */
class PromQlTest {

    @Test
    void findsSeriesInsideFunctionsAggregationsAndBinaryOperators() {
        PromQl.Query q = PromQl.parse("""
            sum by (job, le) (rate(a_bucket{since="arrival",job=~"$job"}[$__rate_interval]))
            / on (instance) group_left (pod) b offset 1w
            and sum(c[5m:1m]) without (x) > 1e-3 unless {__name__=~"d_.*"} @ start()""");
        assertThat(q.selectors()).extracting(PromQl.Selector::metric).containsExactly("a_bucket", "b", "c", null);
        assertThat(q.selectors().get(0).matchers()).containsExactly(
            new PromQl.Matcher("since", "=", "arrival"), new PromQl.Matcher("job", "=~", "$job"));
        assertThat(q.selectors().get(3).matchers()).containsExactly(new PromQl.Matcher("__name__", "=~", "d_.*"));
        assertThat(q.groupingLabels()).containsExactlyInAnyOrder("job", "le", "instance", "pod", "x");
        assertThat(q.functions()).containsExactlyInAnyOrder("sum", "rate", "start");
    }

    @Test
    void keywordsNumbersDurationsAndStringsAreNotSeries() {
        PromQl.Query q = PromQl.parse("histogram_quantile(0.9, x) > bool 2 or label_replace(y, \"dst\", \"$1\", \"src\", \"(.*)\") "
            + "and z == Inf");
        assertThat(q.selectors()).extracting(PromQl.Selector::metric).containsExactly("x", "y", "z");
        assertThat(q.functions()).containsExactlyInAnyOrder("histogram_quantile", "label_replace");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> PromQl.parse("sum(rate(x[5m])")).hasMessageContaining("unbalanced (");
        assertThatThrownBy(() -> PromQl.parse("x{job=\"a}")).hasMessageContaining("unclosed string");
        assertThatThrownBy(() -> PromQl.parse("rate(x[$__rate_interval]) * $scale")).hasMessageContaining("unexpected '$'");
    }
}
