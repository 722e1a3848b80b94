package dev.headroom.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.sizing.quant.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The product brief's domain selection guide as data ({@code domain-guide.json}): keywords that recognise
 * the input and output types in a task description, and the routes from (input, output) to a domain.
 */
public final class DomainGuide {
    private final Map<String, List<String>> inputs;
    private final Map<String, List<String>> outputs;
    private final List<DomainRoute> routes;
    private final java.util.Set<DomainRoute> inputUnstated;

    DomainGuide(Map<String, List<String>> inputs, Map<String, List<String>> outputs, List<DomainRoute> routes,
                java.util.Set<DomainRoute> inputUnstated) {
        this.inputs = Map.copyOf(inputs);
        this.outputs = Map.copyOf(outputs);
        this.routes = List.copyOf(routes);
        this.inputUnstated = java.util.Set.copyOf(inputUnstated);
    }

    public static DomainGuide bundled() {
        try (InputStream in = DomainGuide.class.getResourceAsStream("domain-guide.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<DomainRoute> routes = new ArrayList<>();
            java.util.Set<DomainRoute> unstated = new java.util.HashSet<>();
            for (JsonNode r : root.get("routes")) {
                Map<String, String> hints = new LinkedHashMap<>();
                r.path("hints").fields().forEachRemaining(e -> hints.put(e.getKey(), e.getValue().asText()));
                DomainRoute route = new DomainRoute(r.get("input").asText(), r.get("output").asText(), r.get("domain").asText(),
                        r.get("label").asText(), texts(r.get("tasks")), texts(r.path("domains")), hints);
                routes.add(route);
                if (r.path("inputUnstated").asBoolean(false)) {
                    unstated.add(route);
                }
            }
            return new DomainGuide(keywords(root.get("inputs")), keywords(root.get("outputs")), routes, unstated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<DomainRoute> routes() {
        return routes;
    }

    public TreeSet<String> inputTypes() {
        return new TreeSet<>(inputs.keySet());
    }

    public TreeSet<String> outputTypes() {
        return new TreeSet<>(outputs.keySet());
    }

    /**
     * The route for a task description, with {@code input}/{@code output} (either may be null) overriding
     * what the description suggests.
     *
     * @throws IllegalArgumentException naming the valid types when no route matches
     */
    public DomainRoute route(String task, String input, String output) {
        String text = " " + (task == null ? "" : task.toLowerCase(Locale.ROOT)) + " ";
        String in = input != null ? checked(input, inputs, "input") : null;
        String out = output != null ? checked(output, outputs, "output") : null;
        Map<String, Integer> outScores = scores(text, outputs);
        // The route whose input and output together match the description best: judging the pair, not each
        // type alone, keeps "rank rows of click data for a search" on tabular ranking rather than embeddings.
        // Words that name the route's output are not also evidence of its input ("text to speech" names the
        // output, so its "speech" says nothing about audio input), and a description that names no input at
        // all takes the route marked inputUnstated for its output (semantic search -> text embeddings).
        DomainRoute chosen = null;
        int best = 0;
        for (DomainRoute r : routes) {
            if (in != null && !r.input().equals(in) || out != null && !r.output().equals(out)) {
                continue;
            }
            int outScore = out != null ? 1000 : outScores.getOrDefault(r.output(), 0);
            int inScore = in != null ? 1000 : score(masked(text, outputs.get(r.output())), inputs.get(r.input()));
            int score = 2 * (inScore + outScore) + (in == null && inScore == 0 && inputUnstated.contains(r) ? 1 : 0);
            if (inScore + outScore > 0 && score > best) {
                best = score;
                chosen = r;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("task: cannot tell the input and output types from '" + (task == null ? "" : task.trim())
                    + "'; name them with --input (" + String.join(", ", inputTypes()) + ") and --output ("
                    + String.join(", ", outputTypes()) + ")");
        }
        return chosen;
    }

    private static Map<String, Integer> scores(String text, Map<String, List<String>> types) {
        Map<String, Integer> out = new LinkedHashMap<>();
        types.forEach((type, words) -> out.put(type, score(text, words)));
        return out;
    }

    /** Sum of the lengths of the keywords found: longer, more specific phrases weigh more. */
    private static int score(String text, List<String> words) {
        int score = 0;
        for (String k : words) {
            if (text.contains(k)) {
                score += k.length();
            }
        }
        return score;
    }

    /** The text with every occurrence of the given keywords blanked out. */
    private static String masked(String text, List<String> words) {
        String t = text;
        for (String k : words) {
            t = t.replace(k, " ".repeat(k.length()));
        }
        return t;
    }

    /** The tasks of a route narrowed by the hint words found in the description (all the route's tasks when none). */
    public List<String> tasksFor(DomainRoute route, String task) {
        String text = task == null ? "" : task.toLowerCase(Locale.ROOT);
        List<String> hinted = new ArrayList<>();
        route.hints().forEach((word, t) -> {
            if (text.contains(word) && !hinted.contains(t)) {
                hinted.add(t);
            }
        });
        return hinted.isEmpty() ? route.tasks() : hinted;
    }

    private static String checked(String value, Map<String, List<String>> types, String field) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!types.containsKey(v)) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a type; did you mean '" + Names.nearest(v, types.keySet())
                    + "'? (" + String.join(", ", new TreeSet<>(types.keySet())) + ")");
        }
        return v;
    }

    private static Map<String, List<String>> keywords(JsonNode n) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), texts(e.getValue())));
        return out;
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            n.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
