package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import java.util.List;

/**
 * A parsed requirements file.
 *
 * @param source the file as the user named it, for messages and reports
 * @param requirements its entries, in file order
 */
public record RequirementsFile(String source, List<Requirement> requirements) {
    public RequirementsFile {
        requirements = List.copyOf(requirements);
    }
}
