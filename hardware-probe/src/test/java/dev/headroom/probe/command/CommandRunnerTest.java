package dev.headroom.probe.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path bin;

    CommandRunner runner(Duration timeout) {
        return new CommandRunner(List.of(bin), timeout);
    }

    @Test
    void aMissingCommandIsReportedAsNotInstalledWithoutStartingAProcess() {
        CommandOutcome out = runner(Duration.ofSeconds(1)).run("nvidia-smi", "--query-gpu=name");
        assertThat(out.completed()).isFalse();
        assertThat(out.reason()).isEqualTo("nvidia-smi not installed (not on PATH)");
    }

    @Test
    void aFileWithoutExecutePermissionIsAPermissionError() throws IOException {
        Files.writeString(bin.resolve("rocm-smi"), "#!/bin/sh\necho hi\n");
        CommandOutcome out = runner(Duration.ofSeconds(1)).run("rocm-smi");
        assertThat(out.completed()).isFalse();
        assertThat(out.reason()).contains("permission denied");
    }

    @Test
    void aHungToolIsKilledAndReportedWithinItsBound() {
        Fixtures.script(bin, "nvidia-smi", "sleep 30");
        long start = System.nanoTime();
        CommandOutcome out = runner(Duration.ofMillis(500)).run("nvidia-smi");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(out.completed()).isFalse();
        assertThat(out.reason()).isEqualTo("nvidia-smi timed out after 500 ms and was killed");
        // 500 ms limit plus process kill; generous for a loaded 2-core CI machine, far below the 30 s sleep.
        assertThat(millis).isLessThan(5_000);
    }

    @Test
    void aNonZeroExitKeepsTheOutputAndExplainsItselfInOneLine() {
        Fixtures.script(bin, "nvidia-smi", "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'\nexit 9");
        CommandOutcome out = runner(Duration.ofSeconds(2)).run("nvidia-smi");
        assertThat(out.completed()).isTrue();
        assertThat(out.succeeded()).isFalse();
        assertThat(out.reason()).isEqualTo("exit code 9: NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.");
    }

    @Test
    void argumentsArePassedUnchangedAndStderrIsMergedIntoTheOutput() {
        Fixtures.script(bin, "tool", "echo \"args: $*\"\necho oops >&2");
        CommandOutcome out = runner(Duration.ofSeconds(2)).run("tool", "--query-gpu=a,b", "--format=csv,noheader");
        assertThat(out.succeeded()).isTrue();
        assertThat(out.output()).contains("args: --query-gpu=a,b --format=csv,noheader").contains("oops");
    }

    @Test
    void endlessOutputIsCappedInsteadOfExhaustingMemory() {
        Fixtures.script(bin, "chatty", "yes | head -c 3000000");
        CommandOutcome out = runner(Duration.ofSeconds(5)).run("chatty");
        assertThat(out.succeeded()).isTrue();
        assertThat(out.output().length()).isEqualTo(CommandRunner.MAX_OUTPUT_CHARS);
    }

    @Test
    void aDirectoryPutFirstShadowsTheSameToolLaterOnThePath(@TempDir Path other) {
        Fixtures.script(other, "sysctl", "echo real");
        Fixtures.script(bin, "sysctl", "echo fake");
        CommandRunner r = new CommandRunner(List.of(other), Duration.ofSeconds(2)).withFirst(bin);
        assertThat(r.run("sysctl").output().strip()).isEqualTo("fake");
    }

    @Test
    void thePathVariableIsSplitIntoDirectories() {
        assertThat(CommandRunner.pathDirectories("/usr/bin::/bin")).containsExactly(Path.of("/usr/bin"), Path.of("/bin"));
        assertThat(CommandRunner.pathDirectories(null)).isEmpty();
    }
}
