package dev.headroom.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the headroom command line, with what it printed: the fixture every command test uses. */
public record CommandRun(int code, String out, String err) {
    /** Runs {@code headroom args...} through {@link Main#run} and captures stdout, stderr and the exit code. */
    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
