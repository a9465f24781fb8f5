package dev.crossfire.text;

import java.util.Arrays;
import java.util.Locale;

/**
 * How well scores separate labelled texts: precision, recall and F1 at a threshold, the best F1
 * over all thresholds, and ROC AUC (the chance that a random positive scores above a random
 * negative, ties counting half).
 *
 * @param bestThreshold the lowest threshold reaching {@code bestF1}
 */
public record Evaluation(int texts, int positives, double threshold, double precision, double recall, double f1,
        double bestF1, double bestThreshold, double rocAuc) {

    /** Scores texts predicted positive at {@code score >= threshold}. */
    public static Evaluation of(double[] scores, boolean[] positive, double threshold) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs " + positive.length);
        }
        int n = scores.length;
        int positives = 0;
        int tp = 0;
        int predicted = 0;
        for (int i = 0; i < n; i++) {
            positives += positive[i] ? 1 : 0;
            if (scores[i] >= threshold) {
                predicted++;
                tp += positive[i] ? 1 : 0;
            }
        }
        double precision = predicted == 0 ? 0.0 : (double) tp / predicted;
        double recall = positives == 0 ? 0.0 : (double) tp / positives;

        // walk the scores from the highest down: each distinct score is a candidate threshold
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double bestF1 = 0.0;
        double bestThreshold = Double.NaN;
        int tpAbove = 0;
        int fpAbove = 0;
        double rankSum = 0.0; // negatives below each positive, ties half
        for (int i = 0; i < n; ) {
            int j = i;
            int tieTp = 0;
            int tieFp = 0;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                if (positive[order[j]]) {
                    tieTp++;
                } else {
                    tieFp++;
                }
                j++;
            }
            int negativesBelow = (n - positives) - fpAbove - tieFp;
            rankSum += tieTp * (negativesBelow + tieFp / 2.0);
            tpAbove += tieTp;
            fpAbove += tieFp;
            double f = f1(tpAbove, tpAbove + fpAbove, positives);
            if (f > bestF1) {
                bestF1 = f;
                bestThreshold = scores[order[i]];
            }
            i = j;
        }
        long pairs = (long) positives * (n - positives);
        double auc = pairs == 0 ? Double.NaN : rankSum / pairs;
        return new Evaluation(n, positives, threshold, precision, recall, f1(tp, predicted, positives), bestF1, bestThreshold, auc);
    }

    private static double f1(int tp, int predicted, int positives) {
        return tp == 0 ? 0.0 : 2.0 * tp / (predicted + positives);
    }

    /** One line per figure, for the terminal. */
    public String report() {
        return String.format(Locale.ROOT, """
                texts        %d (%d positive)
                threshold    %.3f
                precision    %.3f
                recall       %.3f
                F1           %.3f
                best F1      %.3f at threshold %.3f
                ROC AUC      %.3f
                """, texts, positives, threshold, precision, recall, f1, bestF1, bestThreshold, rocAuc);
    }
}
