package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.advisor.check.InvalidInputException;
import dev.headroom.advisor.profile.SavedProfileReader;
import dev.headroom.sizing.text.SafeText;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom check [FILE]}: evaluates a requirements file on this machine (or a saved profile)
 * and exits 0 when every requirement is met, 1 when one is not, 2 on invalid input, 3 when the probe
 * fails. Handles its own expected failures so the exit codes hold however it is invoked.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a requirements file (YAML) against this machine or a saved hardware profile; for CI gates.",
                "Exit codes: 0 all met, 1 at least one not met, 2 invalid input, 3 the probe failed. Schema: docs/ci.md."})
public final class CheckCommand implements Callable<Integer> {
    /** The environment variable GitHub Actions sets to the file that becomes the job's summary page. */
    static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";
    /** A CI step must not hang on a stuck driver: the probe normally answers in well under a second. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "capacity.yaml",
            description = "Requirements file (default: ${DEFAULT-VALUE} in the working directory).")
    Path file;

    @Option(names = "--hardware", paramLabel = "PROFILE.json",
            description = "Evaluate on a profile saved with 'headroom probe --json' instead of probing this machine.")
    Path hardware;

    @Option(names = "--device", paramLabel = "NAME[xN]",
            description = "Evaluate on accelerators named as people type them ('RTX 4090', '2x A100 80GB') in this host.")
    String device;

    @Option(names = "--no-calibration", description = "Ignore the 'headroom bench' calibration (reproducible CI output).")
    boolean noCalibration;

    @Option(names = "--junit", paramLabel = "OUT.xml", description = "Also write JUnit XML (one test case per requirement).")
    Path junit;

    @Option(names = "--markdown", paramLabel = "OUT.md",
            description = "Also write a Markdown summary (appended to $GITHUB_STEP_SUMMARY automatically when it is set).")
    Path markdown;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    private final Supplier<HardwareProfile> probe;
    private final Function<String, String> environment;
    private final Clock clock;
    private final Duration probeTimeout;

    /** The real machine, process environment and clock. */
    public CheckCommand() {
        this(() -> Machines.standard().probeFacts(), System::getenv, Clock.systemUTC());
    }

    /**
     * @param probe produces this machine's profile (may throw: exit code 3)
     * @param environment looks up environment variables ({@code GITHUB_STEP_SUMMARY})
     * @param clock the report's timestamp
     */
    public CheckCommand(Supplier<HardwareProfile> probe, Function<String, String> environment, Clock clock) {
        this(probe, environment, clock, PROBE_TIMEOUT);
    }

    /** @param probeTimeout how long to wait for the probe before exiting with code 3 */
    public CheckCommand(Supplier<HardwareProfile> probe, Function<String, String> environment, Clock clock, Duration probeTimeout) {
        this.probe = probe;
        this.environment = environment;
        this.clock = clock;
        this.probeTimeout = probeTimeout;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The probe (OSHI, ~0.3 s) runs beside reading the file and the catalog: most of a cold start.
        FutureTask<HardwareProfile> probing = hardware == null && device == null ? new FutureTask<>(probe::get) : null;
        if (probing != null) {
            Thread t = new Thread(probing, "headroom-probe");
            t.setDaemon(true);
            t.start();
        }
        RequirementsFile requirements;
        HardwareProfile hw = null;
        Machine machine = null;
        Machines machines = Machines.standard();
        if (hardware != null && device != null) {
            err.println("headroom: --hardware and --device: give one, not both");
            return ExitCodes.INVALID_INPUT;
        }
        try {
            requirements = new RequirementsReader(CatalogModelResolver.bundled()).read(file);
            if (hardware != null) {
                machine = machines.fromProfile(hardware, !noCalibration);
            } else if (device != null) {
                machine = machines.described(device, null, null, !noCalibration);
            }
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> err.println("headroom: " + SafeText.line(p)));
            return ExitCodes.INVALID_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("headroom: " + SafeText.line(e.getMessage()));
            return ExitCodes.INVALID_INPUT;
        }
        if (machine == null) {
            try {
                hw = probing.get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | InterruptedException | TimeoutException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                Throwable cause = e instanceof ExecutionException ? e.getCause()
                        : e instanceof TimeoutException ? new TimeoutException("no answer within " + probeTimeout.toMillis() / 1000.0 + " s") : e;
                err.println("headroom: the hardware probe failed: " + cause + " (check a saved profile instead: headroom check --hardware PROFILE.json)");
                if (verbose) {
                    cause.printStackTrace(err);
                }
                return ExitCodes.PROBE_FAILED;
            }
            machine = machines.of(hw, noCalibration ? null : machines.storedCalibrationFor(hw), "probed");
        }
        hw = machine.hardware();
        CapacityEvaluator evaluator = new CapacityEvaluator(machine, new Advisor(ModelCatalog.bundled()));
        List<RequirementResult> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Requirement r : requirements.requirements()) {
            try {
                results.add(evaluator.evaluate(r));
            } catch (IllegalArgumentException | ArithmeticException e) {
                // The file parsed, but the engine rejects the combination (e.g. sizes beyond a long).
                problems.add(file + ":" + r.line() + ": requirements (" + r.name() + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("headroom: " + SafeText.line(p)));
            return ExitCodes.INVALID_INPUT;
        }
        CheckReport report = new CheckReport(file.toString(), machine.origin(), hw,
                results, evaluator.notes(), clock.instant());

        if (json) {
            out.println(Json.write(JsonReport.json(report)));
        } else {
            TableReport.print(report, out);
        }
        try {
            if (junit != null) {
                StringWriter xml = new StringWriter();
                JunitReport.write(report, xml);
                write(junit, xml.toString(), false);
            }
            String md = null;
            if (markdown != null) {
                md = MarkdownReport.render(report);
                write(markdown, md, false);
            }
            String summary = environment.apply(STEP_SUMMARY);
            if (summary != null && !summary.isBlank()) {
                write(Path.of(summary), (md != null ? md : MarkdownReport.render(report)) + "\n", true);
            }
        } catch (OutputException e) {
            err.println("headroom: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        return report.allMet() ? ExitCodes.OK : ExitCodes.NOT_MET;
    }

    private static void write(Path target, String text, boolean append) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                w.write(text);
            }
        } catch (IOException | RuntimeException e) {
            throw new OutputException(target + ": cannot write: " + e.getMessage());
        }
    }

    /** An output file that cannot be written: invalid input (a bad path on the command line). */
    private static final class OutputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputException(String message) {
            super(message);
        }
    }
}
