package dev.headroom.cli.bench;

import dev.headroom.bench.calibration.CalibrationRunner;
import dev.headroom.bench.decoder.DecoderCheck;
import dev.headroom.bench.decoder.DecoderShape;
import dev.headroom.bench.kernels.WeightFormat;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.units.ByteUnits;
import java.io.PrintWriter;
import java.util.Locale;

/** The human-readable report of {@code headroom bench}. */
final class BenchReportPrinter {
    private BenchReportPrinter() {
    }

    static void print(PrintWriter out, CalibrationRunner.Report r, boolean quick) {
        Calibration c = r.calibration();
        out.printf(Locale.ROOT, "Calibration of %s (%s, %d threads, kernels %s, %.1f s)%n%n", c.measuredOn(), quick ? "quick" : "full",
                c.threads(), c.kernels(), r.seconds());
        out.printf(Locale.ROOT, "Memory bandwidth (STREAM rules, best pass)  %12s %12s %14s%n", "Java 1 thr", "Java " + c.threads() + " thr",
                "C " + c.threads() + " thr");
        var n = r.nativeStream();
        out.printf(Locale.ROOT, "  read                                      %12s %12s %14s%n", BenchCommand.gbps(r.oneThread().readBytesPerSecond()),
                BenchCommand.gbps(r.allThreads().readBytesPerSecond()), n.available() ? BenchCommand.gbps(n.readBytesPerSecond()) : "-");
        out.printf(Locale.ROOT, "  copy                                      %12s %12s %14s%n", BenchCommand.gbps(r.oneThread().copyBytesPerSecond()),
                BenchCommand.gbps(r.allThreads().copyBytesPerSecond()), n.available() ? BenchCommand.gbps(n.copyBytesPerSecond()) : "-");
        out.printf(Locale.ROOT, "  triad                                     %12s %12s %14s%n", BenchCommand.gbps(r.oneThread().triadBytesPerSecond()),
                BenchCommand.gbps(r.allThreads().triadBytesPerSecond()), n.available() ? BenchCommand.gbps(n.triadBytesPerSecond()) : "-");
        if (n.available()) {
            out.printf(Locale.ROOT, "  Java / C: read %.0f%%, copy %.0f%%, triad %.0f%% (%s)%n",
                    100 * r.allThreads().readBytesPerSecond() / n.readBytesPerSecond(),
                    100 * r.allThreads().copyBytesPerSecond() / n.copyBytesPerSecond(),
                    100 * r.allThreads().triadBytesPerSecond() / n.triadBytesPerSecond(), n.detail());
        } else {
            out.println("  native STREAM not run: " + n.detail());
        }
        out.printf(Locale.ROOT, "%nCompute, %d threads (matrix-vector streaming 96 MiB of weights from memory, as decoding does)%n", c.threads());
        boolean forked = !r.integerMatVecFlopsPerSecond().isEmpty();
        if (forked) {
            out.printf(Locale.ROOT, "  %-5s %15s %26s%n", "", "float kernels", "integer kernels, own JVM");
        }
        for (WeightFormat f : WeightFormat.values()) {
            Double rate = r.matVecFlopsPerSecond().get(f);
            Double integer = r.integerMatVecFlopsPerSecond().get(f);
            if (rate != null && forked) {
                out.printf(Locale.ROOT, "  %-5s %7.1f GFLOP/s %18s%n", f, rate / 1e9, integer == null ? "-" : String.format(Locale.ROOT, "%.1f GFLOP/s", integer / 1e9));
            } else if (rate != null) {
                out.printf(Locale.ROOT, "  %-5s %7.1f GFLOP/s%n", f, rate / 1e9);
            }
        }
        for (String note : r.notes()) {
            out.println("  note: " + note);
        }
        out.printf(Locale.ROOT, "  FP32 GEMM %.1f GFLOP/s; parallel dispatch %.1f us%n", c.gemmFlopsPerSecond() / 1e9, c.dispatchSeconds() * 1e6);

        DecoderShape s = r.decoder().isEmpty() ? null : DecoderShape.TINY_LLAMA_SLICE;
        if (s != null) {
            out.printf(Locale.ROOT, "%nSynthetic Llama decoder (hidden %d, %d/%d heads, FFN %d, %d layers, vocab %d): tokens/s%n",
                    s.hidden(), s.heads(), s.kvHeads(), s.ffn(), s.layers(), s.vocab());
            out.printf(Locale.ROOT, "  %-9s %10s %9s %10s %7s  %s%n", "precision", "weights", "measured", "predicted", "error", "bound");
            for (DecoderCheck.Result d : r.decoder()) {
                out.printf(Locale.ROOT, "  %-9s %10s %9.1f %10.1f %+6.1f%%  %s%n", d.precision(), ByteUnits.formatIec(d.weightBytes()),
                        d.measuredTokensPerSecond(), d.predictedTokensPerSecond(), 100 * d.error(), d.bound());
            }
        }
        out.println();
    }
}
