package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command-line converters accept what YAML accepts (issue 16: {@code --context 8k} failed on the command line). */
class ConvertersTest {
    @Command(name = "t")
    static final class Options implements Callable<Integer> {
        @Option(names = "--context", converter = TokenCountConverter.class)
        Long context;

        @Option(names = "--memory", converter = SizeConverter.class)
        Long memory;

        @Override
        public Integer call() {
            return 0;
        }
    }

    static Options parse(String... args) {
        Options o = new Options();
        int code = Main.run(o, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
        assertThat(code).isZero();
        return o;
    }

    @Test
    void tokenCountsAndSizesParseLikeYaml() {
        assertThat(parse("--context", "8k").context).isEqualTo(8192L);
        assertThat(parse("--context", "32K").context).isEqualTo(32768L);
        assertThat(parse("--context", "128000").context).isEqualTo(128000L);
        assertThat(parse("--context", "1.5M").context).isEqualTo(1572864L);
        assertThat(parse("--memory", "24GiB").memory).isEqualTo(24L << 30);
    }

    @Test
    void aBadValueIsOneLineAndExitTwo() {
        StringWriter err = new StringWriter();
        int code = Main.run(new Options(), new PrintWriter(new StringWriter()), new PrintWriter(err), "--context", "lots");
        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("'lots' is not a whole number of tokens");
    }
}
