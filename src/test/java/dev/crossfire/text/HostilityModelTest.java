package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class HostilityModelTest {

    private static final double BIAS = -2.0;
    private static final double CUT = 0.3;

    private static HostilityModel model() {
        long[] hashes = new long[500];
        double[] weights = new double[500];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = HostilityFeatures.hashOf("w:word" + i);
            weights[i] = i / 100.0;
        }
        return new HostilityModel(hashes, weights, BIAS, CUT);
    }

    @Test
    void knownFeaturesHaveTheirWeightAndOthersNone() {
        HostilityModel m = model();
        assertThat(m.size()).isEqualTo(500);
        for (int i = 0; i < 500; i++) {
            assertThat(m.weight(HostilityFeatures.hashOf("w:word" + i))).isCloseTo(i / 100.0, within(1e-6));
        }
        assertThat(m.weight(HostilityFeatures.hashOf("w:unknown"))).isZero();
    }

    @Test
    void calibrationMapsNeutralToZeroTheCutToHostileAndKeepsOrder() {
        HostilityModel m = model();
        double p0 = HostilityModel.sigmoid(BIAS);
        assertThat(m.calibrate(p0)).isZero();
        assertThat(m.calibrate(p0 / 2)).isZero();
        assertThat(m.calibrate(CUT)).isCloseTo(HostilityScorer.HOSTILE, within(1e-12));
        assertThat(m.calibrate(1.0)).isEqualTo(1.0);
        double previous = -1;
        for (double p = 0.0; p <= 1.0; p += 0.01) {
            double h = m.calibrate(p);
            assertThat(h).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = h;
        }
    }

    @Test
    void aModelThatCallsEmptyTextHostileIsRefused() {
        assertThatThrownBy(() -> new HostilityModel(new long[0], new double[0], 1.0, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without features would be hostile");
    }

    @Test
    void readsItsFileFormatAndNamesAMalformedLine() throws IOException {
        String good = "# comment\nbias\t-2.0\ncut\t0.3\n" + Long.toHexString(HostilityFeatures.hashOf("w:liar")) + "\t1.5\tw:liar\n";
        HostilityModel m = HostilityModel.read(gzip(good));
        assertThat(m.weight(HostilityFeatures.hashOf("w:liar"))).isEqualTo(1.5);
        assertThat(m.cut()).isEqualTo(0.3);

        assertThatThrownBy(() -> HostilityModel.read(gzip("bias\t-2\ncut\t0.3\nzz\tnot-a-number\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line 3 is malformed");
        assertThatThrownBy(() -> HostilityModel.read(gzip("bias\t-2\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("lacks its bias or cut");
    }

    @Test
    void theBundledModelLoads() {
        HostilityModel m = HostilityModel.bundled();
        assertThat(m.size()).isGreaterThan(1000);
        assertThat(m.cut()).isBetween(0.0, 1.0);
        assertThat(m.weight(HostilityFeatures.hashOf("r:score"))).as("the rules' score pushes up").isPositive();
    }

    private static ByteArrayInputStream gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
