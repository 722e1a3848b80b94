package dev.headroom.cli.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.catalog.DeviceMatch;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.cli.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom catalog devices [--vendor V] [--json] [NAME]}: the accelerators headroom knows, or what one
 * {@code --device} name resolves to. A name that is ambiguous or unknown prints one line and exits
 * {@link ExitCodes#INVALID_INPUT}.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the accelerators headroom knows (memory as drivers report it, datasheet rates), "
                + "or show what a device name such as \"2x A100 80GB\" or \"M3 Max 64GB\" resolves to.")
public final class CatalogDevicesCommand implements Callable<Integer> {
    private static final double GIB = 1L << 30;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A device name as --device takes it.")
    String name;

    @Option(names = "--vendor", paramLabel = "V", description = "Only this vendor: NVIDIA, AMD, Intel, Apple.")
    String vendor;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AcceleratorCatalog catalog = AcceleratorCatalog.bundled();
        if (name != null) {
            DeviceMatch m = catalog.resolve(name);
            if (json) {
                ObjectNode o = device(m.spec());
                o.put("label", m.label());
                o.put("count", m.count());
                o.put("memoryBytesPerDevice", m.memoryBytesPerDevice());
                m.assumptions().forEach(o.withArray("assumptions")::add);
                out.println(Json.write(o));
            } else {
                out.println((m.count() > 1 ? m.count() + " x " : "") + m.label() + ": "
                        + gib(m.memoryBytesPerDevice()) + " GiB, " + rate(m.spec().bandwidthBytesPerSecond() / 1e9) + " GB/s, "
                        + rate(m.spec().fp16FlopsPerSecond() / 1e12) + " FP16 TFLOP/s");
                m.assumptions().forEach(a -> out.println("  assumed " + a));
            }
            return ExitCodes.OK;
        }
        List<AcceleratorSpec> specs = catalog.all().stream()
                .filter(s -> vendor == null || s.vendor().equalsIgnoreCase(vendor.strip())).toList();
        if (vendor != null && specs.isEmpty()) {
            throw new IllegalArgumentException("vendor: '" + vendor + "' has no devices; valid: "
                    + String.join(", ", catalog.all().stream().map(AcceleratorSpec::vendor).distinct().toList()));
        }
        if (json) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            specs.forEach(s -> a.add(device(s)));
            out.println(Json.write(a));
            return ExitCodes.OK;
        }
        Table t = new Table("device", "vendor", "memory GiB>", "GB/s>", "FP16 TFLOP/s>");
        for (AcceleratorSpec s : specs) {
            t.row(s.name(), s.vendor(), memory(s), rate(s.bandwidthBytesPerSecond() / 1e9), rate(s.fp16FlopsPerSecond() / 1e12));
        }
        t.print(out);
        out.println(specs.size() + " devices. Memory in GiB as drivers report it (several sizes: the configurations sold); "
                + "rates from datasheets, FP16 dense tensor (or vector where no tensor rate is published).");
        return ExitCodes.OK;
    }

    private static ObjectNode device(AcceleratorSpec s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", s.name());
        o.put("vendor", s.vendor());
        o.put("memoryBytes", s.memoryBytes());
        s.memoryOptionsBytes().forEach(o.withArray("memoryOptionsBytes")::add);
        o.put("unifiedMemory", s.unifiedMemory());
        o.put("bandwidthBytesPerSecond", s.bandwidthBytesPerSecond());
        o.put("fp16FlopsPerSecond", s.fp16FlopsPerSecond());
        o.put("source", s.source());
        return o;
    }

    /** {@code 24}, {@code 22.5}, or the configurations {@code 48/64/128}. */
    private static String memory(AcceleratorSpec s) {
        return String.join("/", s.memoryOptionsBytes().stream().map(CatalogDevicesCommand::gib).toList());
    }

    private static String gib(long bytes) {
        double g = bytes / GIB;
        return g == Math.rint(g) ? Long.toString((long) g) : String.format(Locale.ROOT, "%.2f", g);
    }

    private static String rate(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
