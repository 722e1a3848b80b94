package dev.headroom.cli;

/** Exit codes of every headroom command (documented in docs/cli.md). */
public final class ExitCodes {
    /** Success; for {@code check}: every requirement met. */
    public static final int OK = 0;
    /** {@code check}: at least one requirement not met. */
    public static final int NOT_MET = 1;
    /** Invalid input: arguments, files, names. The message names the field. */
    public static final int INVALID_INPUT = 2;
    /** The hardware probe failed. */
    public static final int PROBE_FAILED = 3;
    /** The output could not be written (disk full, pipe closed): sysexits.h EX_IOERR. */
    public static final int OUTPUT_FAILED = 74;
    /** A bug in headroom: run with --verbose and report the stack trace. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
