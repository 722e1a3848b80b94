package dev.headroom.cli;

import dev.headroom.advisor.validate.AccuracyReport;
import dev.headroom.advisor.validate.AccuracySection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom validate}: the accuracy report against published measurements; exit 1 when a target is missed. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare the engine's predictions with published measurements and write the accuracy report.")
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the Markdown report to FILE (default: print it).")
    Path out;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        List<AccuracySection> sections = AccuracyReport.sections();
        String report = AccuracyReport.render(sections);
        if (out == null) {
            stdout.print(report);
        } else {
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, report, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("out: cannot write '" + out + "': " + e.getMessage(), e);
            }
            for (AccuracySection s : sections) {
                stdout.println((s.targetsMet() ? "ok     " : "MISSED ") + s.title());
            }
            stdout.println("wrote " + out);
        }
        return sections.stream().allMatch(AccuracySection::targetsMet) ? ExitCodes.OK : ExitCodes.NOT_MET;
    }
}
