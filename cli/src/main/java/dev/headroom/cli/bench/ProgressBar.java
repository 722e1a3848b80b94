package dev.headroom.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar redrawn with carriage returns: {@code [##########..........]  50%  matrix-vector Q4_0}. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private int lastPercent = -1;
    private String lastStep = "";

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    void update(double fraction, String step) {
        int percent = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        if (percent == lastPercent && step.equals(lastStep)) {
            return;
        }
        lastPercent = percent;
        lastStep = step;
        int filled = percent * WIDTH / 100;
        err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%%  %-40s", "#".repeat(filled), ".".repeat(WIDTH - filled), percent, step));
        err.flush();
    }

    void finish() {
        err.println();
        err.flush();
    }
}
