package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.quant.Precision;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @Test
    void writesTheReportAndSaysWhichSectionsMetTheirTargets(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path report = dir.resolve("nested/accuracy.md");
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "validate", "--out", report.toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("ok     GGUF file sizes", "wrote " + report);
        assertThat(Files.readString(report)).startsWith("# headroom accuracy report").contains("| 124 |");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withoutOutItPrintsTheReport() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "validate")).isZero();
        assertThat(out.toString()).contains("## KV cache", "## Runtime buffers");
    }

    @Test
    void everyCatalogModelSizesAtEveryPrecisionWithoutError() {
        int estimates = 0;
        for (CatalogModel m : ModelCatalog.bundled().all()) {
            if (!m.hasArchitecture()) {
                continue;
            }
            for (Precision p : Precision.values()) {
                for (long ctx : new long[] {1, 4096, m.architecture().maxContext()}) {
                    MemoryBreakdown b = MemoryModel.estimate(MemoryRequest.of(m.architecture(), p, ctx));
                    assertThat(b.totalBytes()).as(m.id() + " " + p + " " + ctx).isGreaterThan(b.weightsBytes());
                    estimates++;
                }
            }
        }
        assertThat(estimates).isGreaterThan(100);
    }
}
