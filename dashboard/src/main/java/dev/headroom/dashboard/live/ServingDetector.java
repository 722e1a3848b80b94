package dev.headroom.dashboard.live;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.probe.live.ModelRuntime;
import dev.headroom.probe.live.ModelServer;
import dev.headroom.probe.live.ModelServers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a watched deployment is being served by a model server on this host. Two kinds of
 * evidence, in this order:
 * <ol>
 * <li>a server's command line names the model: its catalog id, or one of its aliases (a Hugging Face repo
 *     id counts whole and by its name after the slash), compared on letters and digits only, lower case, so
 *     {@code --model /models/Meta-Llama-3-8B-Instruct-Q4_K_M.gguf} names {@code llama-3-8b}
 *     ({@code llama38b}) and not {@code llama-3-70b} ({@code llama370b});</li>
 * <li>otherwise, the servers of one runtime whose command lines name no catalog model (an ollama runner
 *     names a blob, a {@code VLLM::EngineCore} title names nothing) hold together, on the GPUs and in
 *     unreclaimable host memory, at least the deployment's weights.</li>
 * </ol>
 * Names shorter than {@link #MIN_NAME_CHARS} letters and digits are not used: they would match too much.
 * The second rule cannot tell two watched models of similar size apart; both then read as served.
 */
public final class ServingDetector {
    public static final int MIN_NAME_CHARS = 5;
    public static final int MAX_PIDS = 16;

    private final List<String> catalogNames;
    private ModelServers lastServers;
    private Set<Long> lastNamingSome = Set.of();

    /** @param catalog every model whose name in a command line makes a server evidence for that model only */
    public ServingDetector(ModelCatalog catalog) {
        Set<String> all = new LinkedHashSet<>();
        catalog.all().forEach(m -> all.addAll(names(m)));
        this.catalogNames = List.copyOf(all);
    }

    /**
     * @param watched the deployment
     * @param weightsBytes its weights, as the advisor sizes them for this machine
     */
    public synchronized Optional<Serving> detect(ResolvedWatch watched, long weightsBytes, ModelServers servers) {
        if (servers.servers().isEmpty()) {
            return Optional.empty();
        }
        Set<Long> namingSome = namingSomeModel(servers);
        List<String> own = names(watched.model().entry());
        List<ModelServer> naming = new ArrayList<>();
        Map<ModelRuntime, List<ModelServer>> anonymous = new EnumMap<>(ModelRuntime.class);
        for (ModelServer s : servers.servers()) {
            if (mentions(normalise(s.commandLine()), own)) {
                naming.add(s);
            } else if (!namingSome.contains(s.pid())) {
                anonymous.computeIfAbsent(s.runtime(), k -> new ArrayList<>()).add(s);
            }
        }
        if (!naming.isEmpty()) {
            return Optional.of(evidence(naming.get(0).runtime(), naming, true));
        }
        for (Map.Entry<ModelRuntime, List<ModelServer>> e : anonymous.entrySet()) {
            long held = e.getValue().stream().mapToLong(ModelServer::heldBytes).sum();
            if (weightsBytes > 0 && held >= weightsBytes) {
                return Optional.of(evidence(e.getKey(), e.getValue(), false));
            }
        }
        return Optional.empty();
    }

    /** The servers whose command line names some catalog model; computed once per reading. */
    private Set<Long> namingSomeModel(ModelServers servers) {
        if (servers != lastServers) {
            Set<Long> out = new java.util.HashSet<>();
            for (ModelServer s : servers.servers()) {
                if (mentions(normalise(s.commandLine()), catalogNames)) {
                    out.add(s.pid());
                }
            }
            lastServers = servers;
            lastNamingSome = Set.copyOf(out);
        }
        return lastNamingSome;
    }

    private static Serving evidence(ModelRuntime runtime, List<ModelServer> servers, boolean named) {
        List<ModelServer> same = servers.stream().filter(s -> s.runtime() == runtime).toList();
        return new Serving(runtime, same.stream().limit(MAX_PIDS).map(ModelServer::pid).toList(),
                same.stream().mapToLong(ModelServer::heldBytes).sum(), named);
    }

    /** The model's names, normalised, long enough to be evidence. */
    static List<String> names(CatalogModel m) {
        Set<String> out = new LinkedHashSet<>();
        List<String> raw = new ArrayList<>();
        raw.add(m.id());
        raw.addAll(m.aliases());
        for (String r : raw) {
            out.add(normalise(r));
            int slash = r.lastIndexOf('/');
            if (slash >= 0) {
                out.add(normalise(r.substring(slash + 1)));
            }
        }
        out.removeIf(n -> n.length() < MIN_NAME_CHARS);
        return List.copyOf(out);
    }

    private static boolean mentions(String commandLine, List<String> names) {
        return !commandLine.isEmpty() && names.stream().anyMatch(commandLine::contains);
    }

    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
