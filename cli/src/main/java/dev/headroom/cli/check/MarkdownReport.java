package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.sizing.text.SafeText;

/**
 * A Markdown summary for CI job pages ({@code $GITHUB_STEP_SUMMARY}, GitLab job artifacts): a
 * heading with the overall verdict, a table per requirement, and the failure reasons.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(CheckReport report) {
        StringBuilder md = new StringBuilder();
        md.append("### headroom check: ").append(report.allMet() ? "all requirements met" : "requirements NOT met")
                .append(" (").append(report.metCount()).append(" of ").append(report.results().size()).append(")\n\n");
        md.append("Machine: ").append(cell(report.machineSummary())).append(" (").append(cell(report.hardwareSource())).append(")  \n");
        md.append("File: `").append(SafeText.line(report.requirementsFile()).replace("`", "'")).append("`\n\n");
        boolean workloads = TableReport.anyWorkload(report);
        md.append("| requirement | verdict | model | runs on | needs | available | margin | decode tok/s | prefill tok/s |")
                .append(workloads ? " throughput |\n" : "\n");
        md.append("|---|---|---|---|--:|--:|--:|--:|--:|").append(workloads ? "---|\n" : "\n");
        for (RequirementResult r : report.results()) {
            Requirement q = r.requirement();
            md.append("| ").append(cell(q.name()))
                    .append(" | ").append(r.met() ? "✅ met" : "❌ not met")
                    .append(" | ").append(cell(TableReport.modelLabel(r)))
                    .append(" | ").append(cell(r.placement()))
                    .append(" | ").append(CapacityEvaluator.gib(r.neededBytes()))
                    .append(" | ").append(CapacityEvaluator.gib(r.availableBytes()))
                    .append(" | ").append(cell(TableReport.margin(r))).append(q.minHeadroom().none() ? "" : " (min " + cell(q.minHeadroom().label()) + ")")
                    .append(" | ").append(q.isWorkload() ? "-" : TableReport.speed(r.decodeTokensPerSecond(), q.minDecodeTokensPerSecond()))
                    .append(" | ").append(q.isWorkload() ? "-" : TableReport.speed(r.prefillTokensPerSecond(), q.minPrefillTokensPerSecond()))
                    .append(workloads ? " | " + cell(TableReport.throughput(r)) : "")
                    .append(" |\n");
        }
        boolean header = false;
        for (RequirementResult r : report.results()) {
            for (String f : r.failures()) {
                if (!header) {
                    md.append("\n**Not met**\n\n");
                    header = true;
                }
                md.append("- **").append(cell(r.requirement().name())).append("**: ").append(cell(f)).append('\n');
            }
        }
        for (String n : report.notes()) {
            md.append("\n> ").append(cell(n)).append('\n');
        }
        return md.toString();
    }

    /** Keeps user text from breaking the table or adding markup. */
    static String cell(String text) {
        return SafeText.line(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
                .replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`");
    }
}
