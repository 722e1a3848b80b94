package dev.headroom.cli.catalog;

import dev.headroom.catalog.CatalogException;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelDetails;
import dev.headroom.catalog.SizeTier;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.quant.GgmlType;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom catalog show ID}: everything the catalog knows about one model. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one model: sizes, architecture, runtimes, downloads, sources.")
public final class CatalogShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions options;

    @Parameters(paramLabel = "MODEL", description = "Catalog id or alias (Hugging Face repo ids work).")
    String id;

    @Override
    public Integer call() {
        CatalogModel m;
        try {
            m = options.load().get(id);
        } catch (CatalogException e) {
            return Format.problems(spec.commandLine().getErr(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            out.println(Json.write(ModelJson.model(m)));
            return ExitCodes.OK;
        }
        ModelDetails d = m.details();
        line(out, "id", m.id() + "  (" + m.name() + ")");
        line(out, "family", m.family());
        line(out, "domains", String.join(", ", m.domains()) + "; tasks: " + String.join(", ", m.tasks()));
        line(out, "category", m.category() + (m.hostable() ? ", runs locally" : ", API only: not locally hostable"));
        if (!m.aliases().isEmpty()) {
            line(out, "aliases", String.join(", ", m.aliases()));
        }
        long p = m.parameterCount();
        line(out, "parameters", p > 0 ? String.format(Locale.ROOT, "%,d (%s, %s)", p, Format.count(p), d.parameterBasis().label())
                : d.parameterBasis().label());
        if (p > 0) {
            line(out, "weights", "FP32 " + Format.bytes(p * 4) + ", FP16 " + Format.bytes(p * 2) + ", INT8 " + Format.bytes(p)
                    + ", INT4 " + Format.bytes(p / 2) + " (parameters x bytes, no overheads)");
        }
        if (m.hasArchitecture()) {
            architecture(out, m.architecture(), m.parameters());
        }
        if (!d.shape().isEmpty()) {
            StringBuilder s = new StringBuilder();
            d.shape().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
            line(out, "shape", s.toString());
        }
        if (!d.referenceInput().isEmpty()) {
            line(out, "per input", d.referenceInput()
                    + (d.gflopsPerInput() > 0 ? String.format(Locale.ROOT, ", %.2f GFLOPs (multiply-adds)", d.gflopsPerInput()) : "")
                    + (d.activationBytesEstimate() >= 0 ? ", activations ≈ " + Format.bytes(d.activationBytesEstimate()) + " (estimate)" : ""));
        }
        if (d.embeddingDimension() > 0) {
            line(out, "embedding", d.embeddingDimension() + " dimensions");
        }
        if (d.downloadBytes() >= 0) {
            line(out, "download", Format.bytes(d.downloadBytes()));
        }
        for (SizeTier t : d.sizeTiers()) {
            line(out, "size", (t.maxRows() == Long.MAX_VALUE ? "above" : "up to " + String.format(Locale.ROOT, "%,d", t.maxRows()))
                    + " training rows: " + Format.bytes(t.minBytes()) + " - " + Format.bytes(t.maxBytes()));
        }
        line(out, "license", m.license());
        if (!m.runtimes().isEmpty()) {
            line(out, "runtimes", String.join(", ", m.runtimes()));
        }
        d.downloads().forEach(s -> line(out, "stored", s));
        if (!d.notes().isEmpty()) {
            line(out, "notes", d.notes());
        }
        m.sources().forEach(s -> line(out, "source", s));
        return ExitCodes.OK;
    }

    static void architecture(PrintWriter out, ModelArchitecture a, long stated) {
        line(out, "layers", a.layers() + ", hidden " + a.hiddenSize() + ", heads " + a.attentionHeads() + " (kv " + a.kvHeads()
                + ", head_dim " + a.headDim() + "), intermediate " + a.intermediateSize());
        line(out, "vocab", a.vocabSize() + ", context " + a.maxContext() + (a.tiedEmbeddings() ? ", tied embeddings" : "")
                + (a.isMixtureOfExperts() ? ", experts " + a.experts() + " (" + a.expertsPerToken() + " per token)" : "")
                + (a.slidingWindow() > 0 ? ", sliding window " + a.slidingWindow() + " on " + a.slidingWindowLayers() + " layers" : ""));
        String layout = layout(a);
        if (!layout.isEmpty()) {
            line(out, "layout", layout);
        }
        long counted = ParameterCounter.totalParameters(a);
        line(out, "counted", String.format(Locale.ROOT, "%,d parameters from the architecture%s", counted,
                stated > 0 && stated != counted ? String.format(Locale.ROOT, " (%+.2f%% vs stated)", 100.0 * (counted - stated) / stated) : ""));
        line(out, "kv cache", Format.bytes(dev.headroom.advisor.Sizing.llamaCppKvBytes(a, Math.min(4096, a.maxContext())))
                + " at F16 for " + Math.min(4096, a.maxContext()) + " tokens");
    }

    /** The extensions in words: layer kinds, latent attention, shared experts, dense leading layers. */
    static String layout(ModelArchitecture a) {
        dev.headroom.sizing.model.ArchitectureExtensions x = a.extensions();
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!x.layerPattern().isEmpty()) {
            java.util.List<String> kinds = new java.util.ArrayList<>();
            for (dev.headroom.sizing.model.LayerKind k : dev.headroom.sizing.model.LayerKind.values()) {
                int n = a.layersOf(k);
                if (n > 0) {
                    kinds.add(n + " " + k.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            }
            parts.add(String.join(" + ", kinds) + " layers");
        }
        if (x.isLatentAttention()) {
            parts.add("latent attention (kv_lora_rank " + x.kvLoraRank() + " + rope " + x.qkRopeHeadDim() + " cached per token)");
        }
        if (x.sharedExperts() > 0) {
            parts.add(x.sharedExperts() + " shared expert" + (x.sharedExperts() == 1 ? "" : "s") + " of width " + x.sharedExpertIntermediateSize());
        }
        if (x.moeIntermediateSize() > 0) {
            parts.add("expert width " + x.moeIntermediateSize());
        }
        if (x.firstDenseLayers() > 0 || x.moeLayerPeriod() > 1) {
            parts.add("MoE from layer " + x.firstDenseLayers() + (x.moeLayerPeriod() > 1 ? " every " + x.moeLayerPeriod() + " layers" : ""));
        }
        if (x.attentionSinks()) {
            parts.add("attention sinks");
        }
        return String.join(", ", parts);
    }

    static void line(PrintWriter out, String key, String value) {
        out.printf("%-11s %s%n", key, value);
    }
}
