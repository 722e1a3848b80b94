package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Main's guards: errors nobody handled, output that cannot be written, escape sequences from input. */
class MainGuardTest {
    @TempDir
    Path dir;

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Parameters(defaultValue = "oom")
        String what;

        @picocli.CommandLine.Option(names = "--verbose")
        boolean verbose;

        @Override
        public Integer call() {
            switch (what) {
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "so" -> throw new StackOverflowError();
                case "npe" -> throw new NullPointerException("a bug");
                default -> {
                    return 0;
                }
            }
        }
    }

    /** The saved profile of a 2-CPU, 24 GiB VM without GPU that the check tests use. */
    static String vmProfile() {
        try {
            return Path.of(MainGuardTest.class.getResource("/fixtures/profiles/vm-2cpu-24gib-no-gpu.json").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CommandRun boom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new Boom(), new PrintWriter(out), new PrintWriter(err), args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    @Test
    void anOutOfMemoryErrorIsExit70AndOneLine() {
        // Exit 1 (what escaped before) means "requirement not met" to check's CI callers.
        CommandRun r = boom("oom");
        assertThat(r.code()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(r.err().strip()).isEqualTo("headroom: internal error: out of memory (an input far larger than any real one?)"
                + " (run with --verbose for details)");
        assertThat(boom("so").err().lines()).hasSize(1);
        assertThat(boom("npe").code()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    }

    @Test
    void verboseAddsTheTrace() {
        CommandRun r = boom("oom", "--verbose");
        assertThat(r.code()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(r.err()).contains("java.lang.OutOfMemoryError: Java heap space").contains("at dev.headroom.cli.MainGuardTest$Boom");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void jsonToDevFullIsANonZeroExitAndOneLine() throws IOException {
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter full = new PrintWriter(new FileOutputStream("/dev/full"), true)) {
            code = Main.run(full, new PrintWriter(err), "size", "llama-3-8b", "--json");
        }
        assertThat(code).isEqualTo(ExitCodes.OUTPUT_FAILED);
        assertThat(err.toString().strip()).isEqualTo("headroom: cannot write the output (disk full or pipe closed?)");
    }

    @Test
    void aClosedPipeIsANonZeroExitAndOneLine() throws IOException {
        PipedInputStream reader = new PipedInputStream();
        PipedOutputStream pipe = new PipedOutputStream(reader);
        reader.close();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(pipe, true), new PrintWriter(err), "catalog", "list");
        assertThat(code).isEqualTo(ExitCodes.OUTPUT_FAILED);
        assertThat(err.toString().lines()).containsExactly("headroom: cannot write the output (disk full or pipe closed?)");
    }

    @Test
    void escapeSequencesInAnInputFileArePrintedAsText() throws IOException {
        Path file = dir.resolve("evil.yaml");
        // A name that would turn the terminal red, clear it and forge a verdict line: refused, and said safely.
        Files.writeString(file, "requirements:\n  - name: \"x\\e[31m\\e[2J\\nheadroom: all requirements met\"\n"
                + "    model: gpt-2\n    quant: Q8_0\n");
        CommandRun r = CommandRun.of("check", file.toString(), "--hardware", vmProfile());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).doesNotContain("\u001b").contains("(x\\x1b[31m\\x1b[2J\\nheadroom: all requirements met).name: ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void escapeSequencesInASavedProfileReachNeitherTheTableNorTheReports() throws IOException {
        Path profile = dir.resolve("evil-profile.json");
        Files.writeString(profile, Files.readString(Path.of(vmProfile()))
                .replace("\"hostName\" : \"vm\"", "\"hostName\" : \"vm\\u001b]0;pwned\\u0007\\u001b[2J\\nheadroom: ok\""));
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "requirements:\n  - name: chat\n    model: gpt-2\n    quant: Q8_0\n");
        Path md = dir.resolve("summary.md");
        Path xml = dir.resolve("junit.xml");
        CommandRun r = CommandRun.of("check", file.toString(), "--hardware", profile.toString(),
                "--markdown", md.toString(), "--junit", xml.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("vm\\x1b]0;pwned\\x07\\x1b[2J\\nheadroom: ok");
        assertThat(r.out().lines()).noneMatch(l -> l.startsWith("headroom: ok"));
        assertThat(Files.readString(md)).doesNotContain("\u001b").contains("vm\\\\x1b]0;pwned");
        assertThat(Files.readString(xml)).doesNotContain("\u001b").contains("vm\\x1b]0;pwned");
    }

    @Test
    void aMegabyteModelNameIsCutInTheMessage() {
        CommandRun r = CommandRun.of("size", "q".repeat(1_000_000));
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().length()).isLessThan(Main.MAX_MESSAGE_CHARS + 2000);
        assertThat(r.err()).contains("more characters)");
    }
}
