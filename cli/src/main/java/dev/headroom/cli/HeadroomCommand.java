package dev.headroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code headroom}: with no subcommand, the main job ({@code headroom fit}): probe this machine and size the catalog. */
@Command(name = "headroom", mixinStandardHelpOptions = true, version = "headroom 0.1.0",
        description = "Which AI models this machine can run, at what precision, and how fast.",
        subcommands = {FitCommand.class, ProbeCommand.class, SizeCommand.class,
                dev.headroom.cli.catalog.CatalogCommand.class, dev.headroom.cli.catalog.RecommendCommand.class,
                dev.headroom.cli.check.CheckCommand.class, dev.headroom.cli.bench.BenchCommand.class,
                ServeCommand.class, ValidateCommand.class, PlanCommand.class})
public final class HeadroomCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FitCommand.Options options = new FitCommand.Options();

    @Override
    public Integer call() {
        return FitCommand.run(options, spec.commandLine().getOut());
    }
}
