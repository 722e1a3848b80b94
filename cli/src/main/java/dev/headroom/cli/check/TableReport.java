package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.cli.Table;
import dev.headroom.sizing.text.SafeText;
import java.io.PrintWriter;

/** The human-readable report: one row per requirement, then the reasons for every failure. */
public final class TableReport {
    private TableReport() {
    }

    public static void print(CheckReport report, PrintWriter out) {
        out.println("Machine  " + SafeText.line(report.machineSummary()) + " (" + SafeText.line(report.hardwareSource()) + ")");
        out.println("File     " + SafeText.line(report.requirementsFile()));
        out.println();
        Table t = new Table("requirement", "verdict", "model", "runs on", "needs>", "available>", "margin>", "min margin>",
                "decode tok/s>", "prefill tok/s>");
        for (RequirementResult r : report.results()) {
            Requirement q = r.requirement();
            t.row(q.name(), r.met() ? "met" : "NOT MET", q.model().id() + " " + q.quant().displayName(), r.placement(),
                    CapacityEvaluator.gib(r.neededBytes()), CapacityEvaluator.gib(r.availableBytes()),
                    margin(r), q.minHeadroom().none() ? "-" : q.minHeadroom().label(),
                    speed(r.decodeTokensPerSecond(), q.minDecodeTokensPerSecond()),
                    speed(r.prefillTokensPerSecond(), q.minPrefillTokensPerSecond()));
        }
        t.print(out);
        boolean anyFailure = false;
        for (RequirementResult r : report.results()) {
            for (String f : r.failures()) {
                if (!anyFailure) {
                    out.println();
                    anyFailure = true;
                }
                out.println("NOT MET  " + SafeText.line(r.requirement().name()) + ": " + SafeText.line(f));
            }
        }
        for (String n : report.notes()) {
            out.println("note     " + SafeText.line(n));
        }
        out.println();
        out.println(report.metCount() + " of " + report.results().size() + " requirements met.");
    }

    static String margin(RequirementResult r) {
        if (r.headroomBytes() < 0) {
            return "short " + CapacityEvaluator.gib(-r.headroomBytes());
        }
        return CapacityEvaluator.gib(r.headroomBytes()) + (Double.isNaN(r.headroomRatio()) ? "" : " " + CapacityEvaluator.percent(r.headroomRatio()));
    }

    /** {@code 3.10 / 10}: estimated / minimum, or {@code -} when not estimated. */
    static String speed(double estimated, double minimum) {
        String e = Double.isNaN(estimated) ? "-" : CapacityEvaluator.rate(estimated);
        return minimum > 0 ? e + " / " + CapacityEvaluator.rate(minimum) : e;
    }
}
