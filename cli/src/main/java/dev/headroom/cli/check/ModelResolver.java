package dev.headroom.cli.check;

import dev.headroom.advisor.check.ResolvedModel;
import java.nio.file.Path;

/** Turns a requirement's {@code model:} value into an architecture the engine can size. */
@FunctionalInterface
public interface ModelResolver {
    /**
     * @param reference a catalog id or alias, or a path to a model file or folder
     * @param baseDirectory the directory relative paths are resolved against (the requirements file's)
     * @throws IllegalArgumentException naming the reference when it cannot be resolved
     */
    ResolvedModel resolve(String reference, Path baseDirectory);
}
