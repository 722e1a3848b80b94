package dev.headroom.cli.check;

import dev.headroom.cli.CommandRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.cli.Main;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code headroom check} end to end: exit codes, outputs and files, on saved profiles and on this machine. */
class CheckCommandTest {
    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    /** Runs the command with a fake probe and environment, as picocli would with Main's streams. */
    static CommandRun runWith(Supplier<HardwareProfile> probe, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CheckCommand(probe, env::get, Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC)));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    static String fixture(String name) {
        return CheckFixtures.REQUIREMENTS.resolve(name).toString();
    }

    @Test
    void requirementsThatFitExitZeroOnThisMachine() {
        CommandRun r = run("check", fixture("fits.yaml"));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).containsPattern("tiny-completions +met +gpt-2 Q8_0").contains("1 of 1 requirements met.").contains("(probed)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void requirementsThatDoNotFitExitOneAndSayWhy() {
        CommandRun r = run("check", fixture("does-not-fit.yaml"), "--hardware", CheckFixtures.VM.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_MET);
        assertThat(r.out()).containsPattern("big-chat +NOT MET +llama-3-70b F16 +no fit")
                .contains("NOT MET  big-chat: does not fit: needs ").contains("1 of 2 requirements met.");
        CommandRun gpu = run("check", fixture("does-not-fit.yaml"), "--hardware", CheckFixtures.RTX4090.toString());
        assertThat(gpu.code()).isEqualTo(ExitCodes.NOT_MET);
    }

    @Test
    void anInvalidFileExitsTwoNamingFileLineAndFieldWithoutAStackTrace() {
        CommandRun r = run("check", fixture("invalid.yaml"));
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        String file = fixture("invalid.yaml");
        assertThat(r.err().lines().toList()).hasSize(2).satisfiesExactly(
                l -> assertThat(l).startsWith("headroom: " + file + ":4: requirements[0] (chat).quant: unknown 'Q4_K_X'; did you mean Q4_K_M?"),
                l -> assertThat(l).isEqualTo("headroom: " + file + ":6: requirements[0] (chat).minDecodeTokenPerSecond: unknown key; did you mean 'minDecodeTokensPerSecond'?"));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theDefaultFileIsCapacityYamlInTheWorkingDirectory() {
        // Tests run in cli/, which has no capacity.yaml: the message names the default file.
        assertThat(Path.of("capacity.yaml")).doesNotExist();
        CommandRun r = run("check");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("headroom: capacity.yaml: no such file");
    }

    @Test
    void theExampleFileIsMetOnThe24GibGpuProfileButNotOnTheTwoCoreVm() {
        CommandRun gpu = run("check", CheckFixtures.EXAMPLE.toString(), "--hardware", CheckFixtures.RTX4090.toString());
        CommandRun vm = run("check", CheckFixtures.EXAMPLE.toString(), "--hardware", CheckFixtures.VM.toString());
        assertThat(gpu.code()).as(gpu.out()).isEqualTo(ExitCodes.OK);
        assertThat(gpu.out()).containsPattern("chat-assistant +met +llama-3-8b Q4_K_M +GPU ").contains("2 of 2 requirements met.");
        assertThat(vm.code()).isEqualTo(ExitCodes.NOT_MET);
        assertThat(vm.out()).containsPattern("chat-assistant +NOT MET +llama-3-8b Q4_K_M +CPU ")
                .containsPattern("offline-summaries +met ").contains("1 of 2 requirements met.");
    }

    @Test
    void aFailingProbeExitsThree() {
        CommandRun r = runWith(() -> {
            throw new IllegalStateException("OSHI could not read /proc");
        }, Map.of(), fixture("fits.yaml"));
        assertThat(r.code()).isEqualTo(ExitCodes.PROBE_FAILED);
        assertThat(r.err()).startsWith("headroom: the hardware probe failed: java.lang.IllegalStateException: OSHI could not read /proc");
    }

    @Test
    void aProbeThatHangsExitsThreeAfterTheTimeout() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Supplier<HardwareProfile> stuck = () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CheckFixtures.vm();
        };
        CommandLine cl = new CommandLine(new CheckCommand(stuck, Map.<String, String>of()::get, Clock.systemUTC(), Duration.ofMillis(200)));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(fixture("fits.yaml"))).isEqualTo(ExitCodes.PROBE_FAILED);
        assertThat(err.toString()).startsWith("headroom: the hardware probe failed: java.util.concurrent.TimeoutException: no answer within 0.2 s");
    }

    @Test
    void aSavedProfileSkipsTheProbe() {
        CommandRun r = runWith(() -> {
            throw new AssertionError("probed although --hardware was given");
        }, Map.of(), fixture("fits.yaml"), "--hardware", CheckFixtures.VM.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Machine  vm: AMD EPYC (2 threads)");
    }

    @Test
    void anInvalidProfileExitsTwo(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"cpu\": {\"logicalCores\": 2}}");
        CommandRun r = run("check", fixture("fits.yaml"), "--hardware", bad.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("headroom: " + bad + ": memory: missing" + System.lineSeparator());
    }

    @Test
    void jsonGoesToStandardOutput() throws Exception {
        CommandRun r = run("check", fixture("does-not-fit.yaml"), "--hardware", CheckFixtures.RTX4090.toString(), "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_MET);
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertThat(root.get("met").asBoolean()).isFalse();
        assertThat(root.at("/hardware/gpus/0/name").asText()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(root.get("requirements").findValuesAsText("name")).containsExactly("tiny-completions", "big-chat");
    }

    @Test
    void junitAndMarkdownFilesAreWrittenAndTheStepSummaryIsAppended(@TempDir Path dir) throws Exception {
        Path summary = Files.writeString(dir.resolve("step-summary.md"), "earlier step\n");
        Path xml = dir.resolve("reports/check.xml");
        Path md = dir.resolve("check.md");
        CommandRun r = runWith(CheckFixtures::vm, Map.of("GITHUB_STEP_SUMMARY", summary.toString()),
                CheckFixtures.EXAMPLE.toString(), "--junit", xml.toString(), "--markdown", md.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_MET);
        ReportsTest.validateJunit(Files.readString(xml));
        assertThat(Files.readString(xml)).contains("<testcase name=\"chat-assistant\"", "<failure type=\"RequirementNotMet\"");
        String markdown = Files.readString(md);
        assertThat(markdown).startsWith("### headroom check: requirements NOT met (1 of 2)");
        assertThat(Files.readString(summary)).isEqualTo("earlier step\n" + markdown + "\n");
    }

    @Test
    void withoutTheStepSummaryVariableNoSummaryIsWritten(@TempDir Path dir) {
        CommandRun r = runWith(CheckFixtures::vm, Map.of(), fixture("fits.yaml"), "--junit", dir.resolve("j.xml").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(dir.toFile().list()).containsExactly("j.xml");
    }

    @Test
    void anUnwritableOutputExitsTwo(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        CommandRun r = run("check", fixture("fits.yaml"), "--hardware", CheckFixtures.VM.toString(), "--junit", blocker.resolve("out.xml").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("headroom: " + blocker.resolve("out.xml") + ": cannot write:");
    }
}
