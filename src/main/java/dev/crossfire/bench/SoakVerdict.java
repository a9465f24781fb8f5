package dev.crossfire.bench;

import java.util.Locale;

/**
 * Whether one series of a soak run stayed flat: the mean of its last third of samples against the
 * mean of its middle third. The first third is warm-up and left out (JIT, the first RocksDB flushes,
 * the window stores filling up to their retention, the exchanges to their inactivity window).
 * A series is flat when it moved the bad way (up, or down for throughput) by at most
 * {@link #TOLERANCE} of the middle third's mean, or by at most its floor, an absolute amount below
 * which a change means nothing (a few hundred records of lag, a few MB).
 *
 * @param series  what was measured
 * @param unit    its unit
 * @param middle  mean of the middle third (samples without a value, such as an interval without alerts, left out)
 * @param last    mean of the last third
 * @param floor   absolute change that always counts as flat
 * @param verdict "flat", "growing" ("falling" for a series that must not fall), or "too short"
 */
public record SoakVerdict(String series, String unit, double middle, double last, double floor, String verdict) {

    public static final double TOLERANCE = 0.20;
    /** Fewer valid samples than this in either third gives no verdict. */
    static final int MIN_SAMPLES = 2;

    /** Which way a series must not move. */
    enum Bad { UP, DOWN }

    public double change() {
        return middle == 0 ? (last == 0 ? 0 : Double.POSITIVE_INFINITY) : (last - middle) / Math.abs(middle);
    }

    public boolean flat() {
        return verdict.equals("flat");
    }

    /** {@code values} in sample order; a negative or NaN value is a sample without one. */
    static SoakVerdict of(String series, String unit, double[] values, Bad bad, double floor) {
        int n = values.length;
        double middle = mean(values, n / 3, 2 * n / 3);
        double last = mean(values, 2 * n / 3, n);
        if (Double.isNaN(middle) || Double.isNaN(last)) {
            return new SoakVerdict(series, unit, middle, last, floor, "too short");
        }
        double worse = bad == Bad.UP ? last - middle : middle - last;
        boolean flat = worse <= Math.max(TOLERANCE * Math.abs(middle), floor);
        return new SoakVerdict(series, unit, middle, last, floor, flat ? "flat" : bad == Bad.UP ? "growing" : "falling");
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            if (values[i] >= 0) {
                sum += values[i];
                count++;
            }
        }
        return count < MIN_SAMPLES ? Double.NaN : sum / count;
    }

    String describeChange() {
        double c = change();
        return Double.isNaN(c) ? "" : Double.isInfinite(c) ? "from 0" : String.format(Locale.ROOT, "%+.1f%%", 100 * c);
    }
}
