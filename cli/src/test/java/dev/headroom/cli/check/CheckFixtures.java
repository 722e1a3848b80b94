package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.advisor.check.InvalidInputException;
import dev.headroom.advisor.profile.SavedProfileReader;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Shared fixtures: the saved profiles, the bundled catalogs, and short-cuts from YAML text to results. */
final class CheckFixtures {
    static final Path PROFILES = resource("fixtures/profiles");
    static final Path REQUIREMENTS = resource("fixtures/requirements");
    /** One NVIDIA GeForce RTX 4090 (24564 MiB), Ryzen 9 7950X, 62 GiB RAM. */
    static final Path RTX4090 = PROFILES.resolve("rtx4090-workstation.json");
    /** The build machine, captured: 2 cores, 23.5 GiB RAM, no GPU. */
    static final Path VM = PROFILES.resolve("vm-2cpu-24gib-no-gpu.json");
    /** The example at the repository root (tests run in cli/). */
    static final Path EXAMPLE = Path.of("..", "capacity.yaml");

    private static final CatalogModelResolver RESOLVER = CatalogModelResolver.bundled();
    static final AcceleratorCatalog ACCELERATORS = AcceleratorCatalog.bundled();

    private CheckFixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(CheckFixtures.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HardwareProfile rtx4090() {
        return SavedProfileReader.read(RTX4090);
    }

    static HardwareProfile vm() {
        return SavedProfileReader.read(VM);
    }

    static RequirementsFile parse(String yaml) {
        return new RequirementsReader(RESOLVER).read("test.yaml", new StringReader(yaml), Path.of("."));
    }

    static Requirement one(String yaml) {
        return parse(yaml).requirements().get(0);
    }

    /** A fixed machine enriched as every surface enriches it (no probe, no calibration). */
    static Machine machine(HardwareProfile hw) {
        return new Machines(ACCELERATORS, () -> hw, () -> null).of(hw, null, "fixture");
    }

    static CapacityEvaluator evaluator(HardwareProfile hw) {
        return new CapacityEvaluator(machine(hw), new Advisor(ModelCatalog.bundled()));
    }

    static RequirementResult evaluate(HardwareProfile hw, String yaml) {
        return evaluator(hw).evaluate(one(yaml));
    }

    static CheckReport report(HardwareProfile hw, String yaml) {
        CapacityEvaluator e = evaluator(hw);
        return new CheckReport("test.yaml", "fixture", hw, e.evaluateAll(parse(yaml).requirements()), e.notes(),
                Instant.parse("2026-11-22T06:00:00Z"));
    }

    static List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("expected the file to be rejected:\n" + yaml);
    }
}
