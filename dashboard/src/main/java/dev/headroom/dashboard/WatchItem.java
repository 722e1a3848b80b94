package dev.headroom.dashboard;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.workload.WorkloadRequest;

/**
 * One deployment the server watches and exports to Prometheus: a model at a precision and a context length.
 * Each item becomes one label set of {@code headroom_model_*} metrics. The model is any name the advisor's
 * {@link dev.headroom.advisor.models.ModelResolver} knows: a catalog id or alias, a path, a Hugging Face cache
 * repo or an Ollama model ({@code llama3.1:8b}); a local file is watched at its own precision.
 *
 * @param model the model as the user typed it
 * @param precision the weight precision (Q4_K_M when none was given)
 * @param contextTokens tokens of context for one sequence
 * @param precisionText the precision part as typed, or null when none was given (then a local file's own applies);
 *     also the tag of an Ollama name such as {@code llama2:q4_0}, which the resolver tries when the model alone is unknown
 * @param workload the batch and input size of a model of another domain ({@code resnet-50::batch=8}), or null when
 *     none was given (then a domain model is watched at batch 1 and its defaults; an LLM must have none)
 */
public record WatchItem(String model, Precision precision, long contextTokens, String precisionText, WorkloadRequest workload) {
    /** An item whose precision was given. */
    public WatchItem(String model, Precision precision, long contextTokens) {
        this(model, precision, contextTokens, precision == null ? null : precision.name());
    }

    /** An item without workload options. */
    public WatchItem(String model, Precision precision, long contextTokens, String precisionText) {
        this(model, precision, contextTokens, precisionText, null);
    }

    /** The workload options a domain model item may carry after {@code ::}, in the order {@link #toString} writes them. */
    public static final java.util.List<String> WORKLOAD_KEYS = java.util.List.of("batch", "resolution", "tokens", "audioSeconds", "steps");

    public WatchItem {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("watch: model missing");
        }
        model = model.trim();
        if (precision == null) {
            throw new IllegalArgumentException("watch: precision missing for '" + model + "'");
        }
        if (contextTokens <= 0 || contextTokens > DeploymentRequest.MAX_CONTEXT) {
            throw new IllegalArgumentException("watch: context must be within 1.." + DeploymentRequest.MAX_CONTEXT
                    + " tokens, was " + contextTokens);
        }
    }

    /** Whether a precision was typed (else a local file's own precision, or Q4_K_M, applies). */
    public boolean precisionGiven() {
        return precisionText != null;
    }

    /** Most ':' parts of an entry: an Ollama name of host/namespace/model:tag plus precision and context. */
    static final int MAX_PARTS = 6;
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\s*\\d+\\s*");

    /**
     * Parses {@code model:precision:context}, e.g. {@code llama-3-8b:Q4_K_M:8192}. The context may be
     * left out ({@code llama-3-8b:Q4_K_M}, 4096 tokens) and the precision too ({@code llama-3-8b}, Q4_K_M).
     * Parts are read from the right, so a model name may hold ':' itself ({@code llama3.1:8b:Q4_K_M:8192},
     * {@code ollama:qwen3:8b}): the last part is the context when it is a whole number, the one before it the
     * precision when it names one; a third part that is neither is an error.
     *
     * <p>A model of another domain (vision, speech, encoders, diffusion, time series, tabular) is watched by its name
     * alone ({@code resnet-50}: batch 1, the model's default input) or with options after {@code ::}:
     * {@code resnet-50::batch=8}, {@code yolov8-s::batch=4::resolution=640}, {@code whisper-small::audioSeconds=30}
     * (keys {@link #WORKLOAD_KEYS}).
     */
    public static WatchItem parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("watch: empty entry; expected model:precision:context");
        }
        int options = text.indexOf("::");
        if (options >= 0) {
            return new WatchItem(text.substring(0, options), Precision.Q4_K_M, 4096, null, workload(text, text.substring(options + 2)));
        }
        java.util.List<String> parts = new java.util.ArrayList<>(java.util.List.of(text.trim().split(":", -1)));
        if (parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("watch: '" + text + "' has too many ':' parts; expected model:precision:context");
        }
        long context = 4096;
        boolean contextGiven = false;
        if (parts.size() > 1 && DIGITS.matcher(parts.get(parts.size() - 1)).matches()) {
            try {
                context = Long.parseLong(parts.remove(parts.size() - 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("watch: context in '" + text + "' is too large");
            }
            contextGiven = true;
        }
        Precision precision = Precision.Q4_K_M;
        String precisionText = null;
        if (parts.size() > 1) {
            String last = parts.get(parts.size() - 1).trim();
            Precision p = tryParse(last);
            if (p != null) {
                precision = p;
                precisionText = last;
                parts.remove(parts.size() - 1);
            } else if (parts.size() == 2 && !localName(parts.get(0)) && looksLikeQuant(last)) {
                Precision.parse(last); // throws: "quant: unknown 'Q4_K_X'; did you mean Q4_K_M?"
            } else if (parts.size() == 3 && !localName(parts.get(0))) {
                throw new IllegalArgumentException("watch: context in '" + text + "' is not a whole number: '" + last + "'");
            }
        }
        return new WatchItem(String.join(":", parts), precision, context, precisionText);
    }

    /**
     * The options of a domain model item: {@code key=value} parts joined by {@code ::} ({@code batch=8::resolution=640}),
     * keys from {@link #WORKLOAD_KEYS}; the engine's bounds apply ({@link WorkloadRequest}).
     */
    private static WorkloadRequest workload(String text, String options) {
        String[] parts = options.split("::", -1);
        if (parts.length > WORKLOAD_KEYS.size()) {
            throw new IllegalArgumentException("watch: '" + text + "' has too many options; expected model::batch=N::resolution=N...");
        }
        WorkloadRequest w = WorkloadRequest.cpu(1);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String part : parts) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            String value = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (!WORKLOAD_KEYS.contains(key)) {
                throw new IllegalArgumentException("watch: unknown option '" + key + "' in '" + text + "'; did you mean '"
                        + dev.headroom.sizing.quant.Names.nearest(key, WORKLOAD_KEYS) + "'? valid: " + String.join(", ", WORKLOAD_KEYS));
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("watch: option '" + key + "' given twice in '" + text + "'");
            }
            try {
                if (key.equals("audioSeconds")) {
                    w = w.withAudioSeconds(Double.parseDouble(value));
                } else {
                    if (!value.matches("[0-9]{1,9}")) {
                        throw new IllegalArgumentException("watch: " + key + " in '" + text + "' is not a whole number: '" + value + "'");
                    }
                    int n = Integer.parseInt(value);
                    w = switch (key) {
                        case "batch" -> w.withBatch(n);
                        case "resolution" -> w.withResolution(n);
                        case "tokens" -> w.withTokens(n);
                        default -> w.withSteps(n);
                    };
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("watch: " + key + " in '" + text + "' is not a number: '" + value + "'");
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith("watch: ") ? e : new IllegalArgumentException("watch: '" + text + "': " + e.getMessage());
            }
        }
        return w;
    }

    /** The options as {@link #parse} reads them after {@code ::} ({@code batch=8::resolution=640}), only those not at the default. */
    public static String options(WorkloadRequest w) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        parts.add("batch=" + w.batch());
        if (w.resolution() > 0) {
            parts.add("resolution=" + w.resolution());
        }
        if (w.tokens() > 0) {
            parts.add("tokens=" + w.tokens());
        }
        if (w.audioSeconds() > 0) {
            parts.add("audioSeconds=" + (w.audioSeconds() == Math.rint(w.audioSeconds()) ? Long.toString((long) w.audioSeconds())
                    : Double.toString(w.audioSeconds())));
        }
        if (w.steps() > 0) {
            parts.add("steps=" + w.steps());
        }
        return String.join("::", parts);
    }

    private static Precision tryParse(String s) {
        try {
            return Precision.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Names whose ':' belongs to them: a source prefix, an Ollama host or namespace, a path. */
    private static boolean localName(String first) {
        return first.equals("ollama") || first.equals("hf") || first.equals("file") || first.contains("/") || first.contains(".");
    }

    private static boolean looksLikeQuant(String s) {
        return s.matches("(?i)(i?q\\d.*|[bf]?f\\d+.*|fp\\d.*|int\\d.*|awq.*|gptq.*|nf4.*|mxfp4.*)");
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        if (workload != null) {
            return model + "::" + options(workload);
        }
        return model + ":" + precision.displayName() + ":" + contextTokens;
    }
}
