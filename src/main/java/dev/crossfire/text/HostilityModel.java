package dev.crossfire.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A logistic regression over {@link HostilityFeatures}: a weight per feature hash, a bias, and the
 * calibration that turns its probability into crossfire's hostility.
 *
 * <p>Calibration: the probability the model gives a text without any feature ({@code p0}) maps to 0,
 * the threshold chosen in training ({@code cut}, the best F1 of held-out folds) maps to
 * {@link HostilityScorer#HOSTILE}, and 1 to 1, linearly in between. So a neutral post scores about
 * 0, as the escalation rules expect, and "hostile" keeps meaning 0.5 and above. The map is monotone:
 * it changes no ranking, so precision, recall and AUC are the model's own.
 *
 * <p>File format (UTF-8 text, gzip): {@code #} comment lines (provenance), then {@code bias <value>},
 * {@code cut <value>}, then one feature per line: hash in hex, weight, and the feature's name.
 * Immutable after loading; safe to share between threads.
 */
final class HostilityModel {

    static final String RESOURCE = "/text/hostility-model.tsv.gz";

    /**
     * Open addressing, a 32-bit fingerprint of the hash and the weight side by side (slot i: fingerprint at 2i,
     * float bits at 2i+1), so that a lookup touches one cache line and the table (8 bytes a slot) stays in
     * the CPU's cache. The fingerprint and the slot come from different bits of the hash: a feature the
     * model does not know matches a known one with a chance of about one in four billion.
     */
    private final int[] table;
    private final int mask;
    private final int size;
    private final double bias;
    private final double cut;
    private final double p0;

    HostilityModel(long[] hashes, double[] values, double bias, double cut) {
        if (!(cut > 0.0 && cut < 1.0)) {
            throw new IllegalArgumentException("cut must be in (0, 1): " + cut);
        }
        int capacity = Integer.highestOneBit(Math.max(16, hashes.length + hashes.length / 2)) << 1;
        this.table = new int[capacity * 2];
        this.mask = capacity - 1;
        int count = 0;
        for (int i = 0; i < hashes.length; i++) {
            int key = fingerprint(hashes[i]);
            int slot = slot(hashes[i]);
            while (table[2 * slot] != 0 && table[2 * slot] != key) {
                slot = (slot + 1) & mask;
            }
            count += table[2 * slot] == 0 ? 1 : 0;
            table[2 * slot] = key;
            table[2 * slot + 1] = Float.floatToRawIntBits((float) values[i]);
        }
        this.size = count;
        this.bias = bias;
        this.cut = cut;
        this.p0 = sigmoid(bias);
        if (!(p0 < cut)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a text without features would be hostile: p0 %.3f >= cut %.3f", p0, cut));
        }
    }

    private int slot(long hash) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    /** The upper half of the hash, never 0 (0 marks an empty slot). */
    private static int fingerprint(long hash) {
        int f = (int) (hash >>> 32);
        return f == 0 ? 1 : f;
    }

    /** The weight of a feature, 0 for one the model does not know. */
    double weight(long hash) {
        int key = fingerprint(hash);
        int slot = slot(hash);
        while (true) {
            int k = table[2 * slot];
            if (k == key) {
                return Float.intBitsToFloat(table[2 * slot + 1]);
            }
            if (k == 0) {
                return 0.0;
            }
            slot = (slot + 1) & mask;
        }
    }

    double bias() {
        return bias;
    }

    double cut() {
        return cut;
    }

    int size() {
        return size;
    }

    /** The model's probability for a linear sum of weighted features (without the bias). */
    double probability(double sum) {
        return sigmoid(bias + sum);
    }

    /** Hostility in [0, 1] from the model's probability (see the class comment). */
    double calibrate(double p) {
        double h;
        if (p <= cut) {
            h = p <= p0 ? 0.0 : HostilityScorer.HOSTILE * (p - p0) / (cut - p0);
        } else {
            h = HostilityScorer.HOSTILE + (1.0 - HostilityScorer.HOSTILE) * (p - cut) / (1.0 - cut);
        }
        return Math.min(1.0, Math.max(0.0, h));
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Where the jar keeps the model of another language: {@code text/hostility-model-de.tsv.gz}. */
    static String resourceOf(Language language) {
        return "/text/hostility-model-" + language.tag() + ".tsv.gz";
    }

    /** The models of languages other than English that the jar ships. */
    static java.util.Map<Language, HostilityModel> bundledOthers() {
        java.util.Map<Language, HostilityModel> found = new java.util.EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            if (l == Language.EN || l == Language.OTHER) {
                continue;
            }
            try (InputStream in = HostilityModel.class.getResourceAsStream(resourceOf(l))) {
                if (in != null) {
                    found.put(l, read(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the hostility model " + resourceOf(l), e);
            }
        }
        return found;
    }

    /** The model shipped in the jar. */
    static HostilityModel bundled() {
        try (InputStream in = HostilityModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("hostility model " + RESOURCE + " is not on the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hostility model " + RESOURCE, e);
        }
    }

    /** A model written by {@code score train --out}, from a file rather than the jar. */
    static HostilityModel read(java.nio.file.Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not a hostility model (gzip text written by `crossfire score train --out`): " + e.getMessage(), e);
        }
    }

    static HostilityModel read(InputStream gzipped) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped), StandardCharsets.UTF_8));
        double bias = Double.NaN;
        double cut = Double.NaN;
        long[] hashes = new long[1024];
        double[] values = new double[1024];
        int n = 0;
        int lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            try {
                if (f[0].equals("bias")) {
                    bias = Double.parseDouble(f[1]);
                } else if (f[0].equals("cut")) {
                    cut = Double.parseDouble(f[1]);
                } else {
                    if (n == hashes.length) {
                        hashes = java.util.Arrays.copyOf(hashes, n * 2);
                        values = java.util.Arrays.copyOf(values, n * 2);
                    }
                    hashes[n] = Long.parseUnsignedLong(f[0], 16);
                    values[n] = Double.parseDouble(f[1]);
                    n++;
                }
            } catch (RuntimeException e) {
                throw new IOException("hostility model line " + lineNo + " is malformed: " + line, e);
            }
        }
        if (Double.isNaN(bias) || Double.isNaN(cut)) {
            throw new IOException("hostility model lacks its bias or cut line");
        }
        return new HostilityModel(java.util.Arrays.copyOf(hashes, n), java.util.Arrays.copyOf(values, n), bias, cut);
    }
}
