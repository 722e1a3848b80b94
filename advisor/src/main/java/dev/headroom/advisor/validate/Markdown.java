package dev.headroom.advisor.validate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Deterministic Markdown helpers for the report: tables of cases, medians, maxima. */
final class Markdown {
    private Markdown() {
    }

    static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%+.3f%%", v + 0.0); // +0.0 turns -0.0 into 0.0
    }

    static String table(List<AccuracyCase> cases) {
        StringBuilder sb = new StringBuilder();
        sb.append("| row | case | predicted | published | unit | error | source |\n");
        sb.append("|---|---|---:|---:|---|---:|---|\n");
        for (AccuracyCase c : cases) {
            sb.append("| ").append(c.id()).append(" | ").append(escape(c.label())).append(" | ")
                    .append(number(c.predicted(), c.decimals())).append(" | ").append(number(c.published(), c.decimals()))
                    .append(" | ").append(c.unit()).append(" | ").append(percent(c.errorPercent())).append(" | ")
                    .append(escape(c.source())).append(" |\n");
        }
        return sb.toString();
    }

    static double median(Collection<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double medianAbsError(List<AccuracyCase> cases) {
        return median(cases.stream().map(AccuracyCase::absErrorPercent).toList());
    }

    static double maxAbsError(List<AccuracyCase> cases) {
        return cases.stream().mapToDouble(AccuracyCase::absErrorPercent).max().orElse(Double.NaN);
    }

    static String summaryLine(List<AccuracyCase> cases) {
        return String.format(Locale.ROOT, "%d cases; median |error| %.3f%%, max |error| %.3f%%.",
                cases.size(), medianAbsError(cases), maxAbsError(cases));
    }

    static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
