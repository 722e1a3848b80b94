package dev.headroom.advisor.validate;

import dev.headroom.advisor.validate.speed.SpeedAccuracyReport;
import java.util.List;

/**
 * The speed section of the accuracy report: {@link SpeedAccuracyReport} (also written whole to
 * docs/accuracy-speed.md), with its headings one level down. Its target is the issue's decode
 * figure: median absolute error ≤ 15% over the trust-A generation rows of the NVIDIA and Apple classes.
 */
final class SpeedSection implements AccuracySection {
    @Override
    public String title() {
        return SpeedAccuracyReport.title();
    }

    @Override
    public String markdown() {
        String md = SpeedAccuracyReport.markdown();
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (String line : md.split("\n", -1)) {
            if (first && line.startsWith("# ")) {
                first = false;
                continue;
            }
            out.append(line.startsWith("#") ? "#" + line : line).append('\n');
        }
        return out.toString();
    }

    @Override
    public boolean targetsMet() {
        List<SpeedAccuracyReport.Scored> all = SpeedAccuracyReport.score();
        for (String cls : List.of("nvidia", "apple")) {
            double m = SpeedAccuracyReport.medianAbsError(all,
                    s -> s.row().trust().equals("A") && s.row().generation() && s.row().deviceClass().equals(cls));
            if (!(m <= SpeedAccuracyReport.DECODE_TARGET)) {
                return false;
            }
        }
        return true;
    }
}
