package dev.headroom.cli;

import dev.headroom.sizing.text.SafeText;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point: runs the command line and exits with its code. Everything printed passes through
 * {@link SafeText#writer} (no escape sequence from input reaches the terminal); anything thrown that
 * no command handled, {@link OutOfMemoryError} and {@link StackOverflowError} included, becomes one
 * line and exit {@link ExitCodes#INTERNAL_ERROR} (the trace only with {@code --verbose}); output that
 * could not be written (full disk, closed pipe) becomes one line on stderr and exit
 * {@link ExitCodes#OUTPUT_FAILED}.
 */
public final class Main {
    /** Longest line of an error message printed; longer ones (a pasted megabyte of name) are cut. */
    static final int MAX_MESSAGE_CHARS = 4096;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line with the given output streams and returns its exit code (used by tests). */
    public static int run(PrintWriter rawOut, PrintWriter rawErr, String... args) {
        return run(new HeadroomCommand(), rawOut, rawErr, args);
    }

    /** Runs {@code args} against {@code root} (a picocli command object) with every guard of {@link #main}. */
    static int run(Object root, PrintWriter rawOut, PrintWriter rawErr, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        PrintWriter out = new PrintWriter(SafeText.writer(rawOut), true);
        PrintWriter err = new PrintWriter(SafeText.writer(rawErr), true);
        int code;
        try {
            code = execute(root, out, err, verbose, args);
        } catch (OutOfMemoryError e) {
            code = internal(err, verbose, e, "out of memory (an input far larger than any real one?)");
        } catch (StackOverflowError e) {
            code = internal(err, verbose, e, "stack overflow (an input nested far deeper than any real one?)");
        } catch (RuntimeException | LinkageError | AssertionError e) {
            code = internal(err, verbose, e, String.valueOf(e));
        }
        out.flush();
        err.flush();
        if (rawOut.checkError()) {
            rawErr.println("headroom: cannot write the output (disk full or pipe closed?)");
            rawErr.flush();
            return code == ExitCodes.OK || code == ExitCodes.NOT_MET ? ExitCodes.OUTPUT_FAILED : code;
        }
        return code;
    }

    /** The command line over {@code root} with the parser settings every run uses (tests parse with it too). */
    static CommandLine parser(Object root) {
        CommandLine cl = new CommandLine(root);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setAllowSubcommandsAsOptionParameters(true); // "--sort catalog": "catalog" is also a subcommand
        return cl;
    }

    private static int execute(Object root, PrintWriter out, PrintWriter err, boolean verbose, String... args) {
        CommandLine cl = parser(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("headroom: " + message(ex.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Run 'headroom --help' for usage.");
            }
            return ExitCodes.INVALID_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException) {
                err.println("headroom: " + message(ex.getMessage()));
                if (verbose) {
                    ex.printStackTrace(err);
                }
                return ExitCodes.INVALID_INPUT;
            }
            return internal(err, verbose, ex, String.valueOf(ex));
        });
        return cl.execute(args);
    }

    private static int internal(PrintWriter err, boolean verbose, Throwable e, String what) {
        err.println("headroom: internal error: " + message(what) + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    /** Each line of a message from input: escapes made visible, cut at {@link #MAX_MESSAGE_CHARS}. */
    static String message(String text) {
        String[] lines = String.valueOf(text).split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            b.append(i == 0 ? "" : "\n").append(SafeText.clip(lines[i], MAX_MESSAGE_CHARS));
        }
        return b.toString();
    }
}
