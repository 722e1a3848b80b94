package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.ResolvedModel;
import dev.headroom.advisor.check.DeviceSelection;
import dev.headroom.advisor.check.HeadroomThreshold;
import dev.headroom.advisor.check.WorkloadRequirement;
import dev.headroom.sizing.workload.ThroughputUnit;
import dev.headroom.sizing.workload.WorkloadModel;
import dev.headroom.cli.check.RequirementsReader.Problems;
import dev.headroom.cli.check.RequirementsReader.RawEntry;
import dev.headroom.cli.check.RequirementsReader.RawValue;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Names;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.units.TokenCounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Turns raw entries into {@link Requirement}s: parses each value, applies defaults, records problems. */
final class RequirementConverter {
    /** Keys of one entry, in documentation order. New keys may be added; these names do not change. */
    static final List<String> KEYS = List.of("name", "model", "quant", "context", "concurrency", "kvCache", "runtime", "device",
            "minDecodeTokensPerSecond", "minPrefillTokensPerSecond", "minHeadroom",
            "batch", "resolution", "tokens", "audioSeconds", "steps",
            "minImagesPerSecond", "maxRealTimeFactor", "minInputsPerSecond", "minRowsPerSecond");

    /** Keys that apply to decoder LLMs only. */
    static final List<String> LLM_KEYS = List.of("quant", "context", "concurrency", "kvCache", "runtime",
            "minDecodeTokensPerSecond", "minPrefillTokensPerSecond");

    /** Keys that apply to models of other domains only (sized by {@code Advisor.adviseWorkload}). */
    static final List<String> WORKLOAD_KEYS = List.of("batch", "resolution", "tokens", "audioSeconds", "steps",
            "minImagesPerSecond", "maxRealTimeFactor", "minInputsPerSecond", "minRowsPerSecond");

    static final Precision DEFAULT_QUANT = Precision.Q4_K_M;
    /** Context when none is given, capped at the model's maximum (as {@code headroom fit} does). */
    static final long DEFAULT_CONTEXT = 4096;

    /** Runtimes the schema names whose memory profiles may not be in the engine yet. */
    static final List<String> SCHEMA_RUNTIMES = List.of("llama.cpp", "ollama", "vllm", "transformers");

    /** KV cache types llama.cpp accepts for {@code --cache-type-k/v} (common/arg.cpp, kv_cache_types). */
    static final List<GgmlType> KV_CACHE_TYPES = List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
            GgmlType.Q5_1, GgmlType.Q5_0, GgmlType.Q4_1, GgmlType.Q4_0);

    private static final int MAX_NAME_LENGTH = 200;

    private final ModelResolver models;
    private final Path baseDirectory;
    private final Problems problems;

    RequirementConverter(ModelResolver models, Path baseDirectory, Problems problems) {
        this.models = models;
        this.baseDirectory = baseDirectory;
        this.problems = problems;
    }

    List<Requirement> convert(List<RawEntry> entries) {
        List<Requirement> out = new ArrayList<>();
        Map<String, Integer> nameLines = new HashMap<>();
        for (RawEntry e : entries) {
            RawValue name = e.fields().get("name");
            if (name != null && name.text() != null && !name.text().isBlank()) {
                problems.name(e.index(), name.text().trim());
                Integer first = nameLines.putIfAbsent(name.text().trim(), name.line());
                if (first != null) {
                    problems.add(name.line(), e.index(), "name", "'" + name.text().trim() + "' is already used on line " + first + "; names must be unique");
                }
            }
            Requirement r = convert(e);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private Requirement convert(RawEntry e) {
        Entry in = new Entry(e);
        String name = in.required("name", "a unique name such as chat-assistant", RequirementConverter::name);
        ResolvedModel model = in.required("model", "a catalog id such as llama-3-8b, or a path to a model file or folder",
                text -> models.resolve(text, baseDirectory));
        if (model != null && model.workload()) {
            return convertWorkload(e, in, name, model);
        }
        if (model != null) {
            for (String key : WORKLOAD_KEYS) {
                if (e.fields().containsKey(key)) {
                    problems.add(in.lineOf(key), e.index(), key, "applies to models of other domains; " + model.id()
                            + " is an LLM (use context, concurrency, minDecodeTokensPerSecond, minPrefillTokensPerSecond)");
                    in.ok = false;
                }
            }
        }
        Precision quant = in.optional("quant", null, Precision::parse);
        boolean contextGiven = e.fields().containsKey("context");
        Long context = in.optional("context", DEFAULT_CONTEXT, RequirementConverter::tokens);
        Integer concurrency = in.optional("concurrency", 1, RequirementConverter::sequences);
        GgmlType kvCache = in.optional("kvCache", GgmlType.F16, RequirementConverter::kvCacheType);
        RuntimeProfile runtime = in.optional("runtime", RuntimeProfile.LLAMA_CPP, RequirementConverter::runtime);
        DeviceSelection device = in.optional("device", new DeviceSelection.Any(), DeviceSelection::parse);
        Double minDecode = in.optional("minDecodeTokensPerSecond", 0.0, RequirementConverter::rate);
        Double minPrefill = in.optional("minPrefillTokensPerSecond", 0.0, RequirementConverter::rate);
        HeadroomThreshold minHeadroom = in.optional("minHeadroom", HeadroomThreshold.NONE, HeadroomThreshold::parse);
        if (!in.ok) {
            return null;
        }
        if (model.filePrecision() != null) {
            if (quant != null && quant != model.filePrecision()) {
                problems.add(in.lineOf("quant"), e.index(), "quant", quant + " contradicts " + model.reference() + ", whose weights are "
                        + model.filePrecision() + " (" + model.source() + "); leave quant out to size the file as it is");
                return null;
            }
            quant = model.filePrecision();
        } else if (quant == null) {
            quant = DEFAULT_QUANT;
        }
        long maxContext = model.architecture().maxContext();
        if (!contextGiven) {
            context = Math.min(DEFAULT_CONTEXT, maxContext);
        } else if (context > maxContext) {
            problems.add(in.lineOf("context"), e.index(), "context", context + " tokens exceeds " + model.id() + "'s maximum of " + maxContext);
            return null;
        }
        try {
            return new Requirement(name, e.line(), model, quant, context, concurrency, kvCache, runtime, device, minDecode, minPrefill, minHeadroom);
        } catch (IllegalArgumentException ex) {
            problems.add(e.line(), e.index(), "", ex.getMessage());
            return null;
        }
    }

    /**
     * A model of another domain: LLM keys are errors naming the key, input sizes and thresholds must fit the model's
     * unit (images/s for vision and diffusion, the real-time factor for audio, rows/s for tabular).
     */
    private Requirement convertWorkload(RawEntry e, Entry in, String name, ResolvedModel model) {
        WorkloadModel shape = WorkloadRequirement.shapeOf(model.workloadModel());
        ThroughputUnit unit = WorkloadRequirement.unitOf(model.workloadModel());
        String what = model.id() + " is " + article(model.workloadModel().domains().get(0)) + " model (throughput in " + unit.label() + ")";
        for (String key : LLM_KEYS) {
            RawValue v = e.fields().get(key);
            if (v != null && !(key.equals("concurrency") && "1".equals(v.text() == null ? null : v.text().trim()))) {
                problems.add(v.line(), e.index(), key, "applies to LLMs only; " + what + ": use batch, " + inputKey(shape, unit)
                        + "and " + thresholdKey(unit));
                in.ok = false;
            }
        }
        boolean images = unit == ThroughputUnit.IMAGES || unit == ThroughputUnit.GENERATED_IMAGES;
        boolean audio = unit == ThroughputUnit.AUDIO || unit == ThroughputUnit.GENERATED_AUDIO;
        reject(e, in, "resolution", !images, what + "; resolution applies to image models");
        reject(e, in, "audioSeconds", !audio, what + "; audioSeconds applies to speech and audio models");
        reject(e, in, "steps", !(shape instanceof WorkloadModel.Diffusion), what + "; steps applies to diffusion models");
        reject(e, in, "minImagesPerSecond", !images, what + "; use " + thresholdKey(unit));
        reject(e, in, "maxRealTimeFactor", !audio, what + "; use " + thresholdKey(unit));
        reject(e, in, "minRowsPerSecond", unit != ThroughputUnit.ROWS, what + "; use " + thresholdKey(unit));
        Integer batch = in.optional("batch", 1, t -> whole(t, 1, 1_000_000, "inputs per batch"));
        Integer resolution = in.optional("resolution", 0, t -> whole(t.endsWith("px") ? t.substring(0, t.length() - 2).trim() : t,
                1, 16_384, "pixels"));
        Long tokens = in.optional("tokens", 0L, t -> TokenCounts.parse(t, 1_048_576));
        Double audioSeconds = in.optional("audioSeconds", 0.0, t -> seconds(t));
        Integer steps = in.optional("steps", 0, t -> whole(t, 1, 10_000, "sampler steps"));
        DeviceSelection device = in.optional("device", new DeviceSelection.Any(), DeviceSelection::parse);
        HeadroomThreshold minHeadroom = in.optional("minHeadroom", HeadroomThreshold.NONE, HeadroomThreshold::parse);
        Double minImages = in.optional("minImagesPerSecond", 0.0, t -> positive(t, "images per second"));
        Double maxRtf = in.optional("maxRealTimeFactor", 0.0, t -> positive(t, "seconds of processing per second of audio"));
        Double minInputs = in.optional("minInputsPerSecond", 0.0, t -> positive(t, "inputs per second"));
        Double minRows = in.optional("minRowsPerSecond", 0.0, t -> positive(t, "rows per second"));
        if (!in.ok) {
            return null;
        }
        try {
            return Requirement.workload(name, e.line(), model, device, minHeadroom, new WorkloadRequirement(batch, resolution,
                    Math.toIntExact(tokens), audioSeconds, steps, minImages, maxRtf, minInputs, minRows));
        } catch (IllegalArgumentException ex) {
            problems.add(e.line(), e.index(), "", ex.getMessage());
            return null;
        }
    }

    private static String article(String domain) {
        return ("aeiou".indexOf(domain.isEmpty() ? 'x' : domain.charAt(0)) >= 0 ? "an " : "a ") + domain;
    }

    private void reject(RawEntry e, Entry in, String key, boolean wrong, String why) {
        RawValue v = e.fields().get(key);
        if (v != null && wrong) {
            problems.add(v.line(), e.index(), key, "does not apply: " + why);
            in.ok = false;
        }
    }

    private static String inputKey(WorkloadModel shape, ThroughputUnit unit) {
        return switch (unit) {
            case IMAGES -> "resolution ";
            case GENERATED_IMAGES -> "resolution, steps ";
            case AUDIO -> "audioSeconds ";
            case GENERATED_AUDIO -> shape instanceof WorkloadModel.Diffusion ? "audioSeconds, steps " : "audioSeconds ";
            case SEQUENCES, SERIES, ROWS -> "tokens ";
        };
    }

    private static String thresholdKey(ThroughputUnit unit) {
        return switch (unit) {
            case IMAGES, GENERATED_IMAGES -> "minImagesPerSecond or minInputsPerSecond";
            case AUDIO, GENERATED_AUDIO -> "maxRealTimeFactor or minInputsPerSecond";
            case ROWS -> "minRowsPerSecond or minInputsPerSecond";
            case SEQUENCES, SERIES -> "minInputsPerSecond";
        };
    }

    static int whole(String text, int min, int max, String what) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of " + what);
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw new IllegalArgumentException("must be within " + min + ".." + max + ", was " + text);
        }
        return n;
    }

    /** Seconds of audio: {@code 30}, {@code 30s}, {@code 7.5}. */
    static double seconds(String text) {
        String t = text.endsWith("s") ? text.substring(0, text.length() - 1).trim() : text;
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "' is not a number of seconds");
        }
        if (!(v > 0 && v <= 86_400)) {
            throw new IllegalArgumentException("must be within (0, 86400] seconds, was " + text);
        }
        return v;
    }

    static double positive(String text, String what) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "' is not a number of " + what);
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("must be a finite number > 0, was " + text);
        }
        return v;
    }

    /** One entry's fields; parse failures become problems at the value's line. */
    private final class Entry {
        private final RawEntry raw;
        boolean ok = true;

        Entry(RawEntry raw) {
            this.raw = raw;
        }

        int lineOf(String key) {
            RawValue v = raw.fields().get(key);
            return v == null ? raw.line() : v.line();
        }

        <T> T required(String key, String hint, Function<String, T> parser) {
            RawValue v = raw.fields().get(key);
            if (v == null || v.text() == null || v.text().isBlank()) {
                problems.add(v == null ? raw.line() : v.line(), raw.index(), key, "missing; expected " + hint);
                ok = false;
                return null;
            }
            return parse(key, v, parser);
        }

        <T> T optional(String key, T fallback, Function<String, T> parser) {
            RawValue v = raw.fields().get(key);
            if (v == null) {
                return fallback;
            }
            if (v.text() == null || v.text().isBlank()) {
                problems.add(v.line(), raw.index(), key, "empty value; remove the key for the default (" + describe(fallback) + ")");
                ok = false;
                return null;
            }
            return parse(key, v, parser);
        }

        private <T> T parse(String key, RawValue v, Function<String, T> parser) {
            try {
                return parser.apply(v.text().trim());
            } catch (IllegalArgumentException ex) {
                problems.add(v.line(), raw.index(), key, withoutFieldPrefix(ex.getMessage(), key));
                ok = false;
                return null;
            }
        }
    }

    private static String describe(Object fallback) {
        if (fallback == null) {
            return "a local file's own precision, else " + DEFAULT_QUANT;
        }
        if (fallback instanceof DeviceSelection d) {
            return d.label();
        }
        if (fallback instanceof HeadroomThreshold h) {
            return h.label();
        }
        if (fallback instanceof RuntimeProfile r) {
            return r.name();
        }
        return String.valueOf(fallback);
    }

    /** Engine messages start with their own field name ({@code quant: unknown ...}); ours already names it. */
    private static String withoutFieldPrefix(String message, String key) {
        for (String prefix : List.of(key + ": ", "quant: ", "context: ", "runtime: ", "size: ", "model: ", "ggml type: ")) {
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    static String name(String text) {
        if (text.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("must not contain control characters");
        }
        return text;
    }

    /** A token count: {@code 8192}, {@code 8k}, {@code 128K}, {@code 1.5M} (the one parser, {@link TokenCounts}). */
    static long tokens(String text) {
        return TokenCounts.parse(text, DeploymentRequest.MAX_CONTEXT);
    }

    static int sequences(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of concurrent sequences");
        }
        int n = Integer.parseInt(text);
        if (n < 1 || n > DeploymentRequest.MAX_SEQUENCES) {
            throw new IllegalArgumentException("must be within 1.." + DeploymentRequest.MAX_SEQUENCES + ", was " + text);
        }
        return n;
    }

    static double rate(String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of tokens per second");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("must be a finite number >= 0, was " + text);
        }
        return v;
    }

    static GgmlType kvCacheType(String text) {
        GgmlType t;
        try {
            t = GgmlType.parse(text);
        } catch (IllegalArgumentException e) {
            t = null;
        }
        if (t == null || !KV_CACHE_TYPES.contains(t)) {
            List<String> valid = KV_CACHE_TYPES.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
            throw new IllegalArgumentException("unknown KV cache type '" + text + "'; did you mean " + Names.nearest(text, valid)
                    + "? valid: " + String.join(", ", valid));
        }
        return t;
    }

    /** Maps through the engine's runtime profiles; names the schema allows but the engine lacks get their own message. */
    static RuntimeProfile runtime(String text) {
        try {
            return RuntimeProfile.parse(text);
        } catch (IllegalArgumentException e) {
            List<String> valid = RuntimeProfile.BUILT_IN.stream().map(RuntimeProfile::name).toList();
            String lower = text.toLowerCase(Locale.ROOT);
            if (SCHEMA_RUNTIMES.contains(lower)) {
                throw new IllegalArgumentException("'" + text + "' has no memory profile in this build yet; valid: " + String.join(", ", valid));
            }
            List<String> known = new ArrayList<>(valid);
            SCHEMA_RUNTIMES.stream().filter(r -> !known.contains(r)).forEach(known::add);
            throw new IllegalArgumentException("unknown runtime '" + text + "'; did you mean " + Names.nearest(text, known)
                    + "? valid: " + String.join(", ", valid));
        }
    }
}
