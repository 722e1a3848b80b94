package dev.headroom.advisor.check;

import java.util.List;

/**
 * Every problem found in one input file, each a one-line message that names the file, line and
 * field ({@code capacity.yaml:7: requirements[0] (chat).quant: unknown 'Q4_K_X'; did you mean Q4_K_M?}).
 * An {@link IllegalArgumentException}, so the CLI maps it to exit code 2.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: at least one is required");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
