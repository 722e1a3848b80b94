package dev.headroom.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Kubernetes manifests against the API schema as the fabric8 model encodes it (classes generated
 * from the Kubernetes OpenAPI document and from the Prometheus Operator's CRD schemas), strictly:
 * <ul>
 *   <li>only the kinds headroom ships, each with its exact {@code apiVersion};</li>
 *   <li>no field the schema lacks: fabric8 keeps unknown fields in {@code additionalProperties} (a Jackson
 *       any-setter) instead of failing, so every object of the read graph is walked and must have none;</li>
 *   <li>no key given twice in one mapping (kubectl refuses those too);</li>
 *   <li>no scalar coercion: the API server refuses {@code "9464"} for an int32 and {@code true} for a
 *       string (a classic {@code nodeSelector} mistake), so Jackson must too;</li>
 *   <li>object names, label keys and values, and port names by the API server's own rules (see the patterns).</li>
 * </ul>
 * Every problem is collected with the document's file and a JSON-path-like location.
 */
final class StrictManifestReader {
    /** apiVersion/kind to model class: the kinds deploy/kubernetes may contain. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Service", Service.class,
            "apps/v1/DaemonSet", DaemonSet.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
            "monitoring.coreos.com/v1/PodMonitor", PodMonitor.class);

    // The rules of k8s.io/apimachinery/pkg/util/validation/validation.go (kubernetes@v1.33.0):
    // IsDNS1123Label (names of namespaces, services, ...), IsDNS1123Subdomain (most object names),
    // IsQualifiedName (label keys, with an optional DNS-subdomain prefix), IsValidLabelValue, IsValidPortName.
    static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    /** One manifest document, read. */
    record Document(Path file, int index, JsonNode tree, HasMetadata object) {
        String where() {
            return file.getFileName() + "#" + index + " (" + object.getKind() + " " + object.getMetadata().getName() + ")";
        }
    }

    private final ObjectMapper strict;
    /** YAML as kubectl reads it: a key given twice in one mapping is an error, not "the last one wins". */
    private final YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

    StrictManifestReader() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        this.strict = mapper;
    }

    /** Every document of a (multi-document) YAML file; a problem in any is added to {@code problems}. */
    List<Document> read(Path file, List<String> problems) throws IOException {
        List<Document> out = new ArrayList<>();
        List<JsonNode> trees;
        try (var parser = new YAMLFactory().createParser(Files.readString(file))) {
            trees = yaml.readValues(parser, JsonNode.class).readAll();
        } catch (IOException e) {
            problems.add(file.getFileName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            return out;
        }
        int index = 0;
        for (JsonNode tree : trees) {
            String where = file.getFileName() + "#" + index;
            if (tree == null || tree.isNull() || tree.isMissingNode()) {
                index++;
                continue;
            }
            String key = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(key);
            if (type == null) {
                problems.add(where + ": kind " + key + " is not one deploy/kubernetes ships (" + KINDS.keySet() + ")");
                index++;
                continue;
            }
            HasMetadata object;
            try {
                object = strict.treeToValue(tree, type);
            } catch (IOException e) {
                problems.add(where + ": " + e.getMessage().lines().findFirst().orElse(""));
                index++;
                continue;
            }
            Document doc = new Document(file, index, tree, object);
            unknownFields(object, "$", problems, doc.where(), java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            names(doc, problems);
            out.add(doc);
            index++;
        }
        return out;
    }

    private static void names(Document doc, List<String> problems) {
        var meta = doc.object().getMetadata();
        if (meta == null || meta.getName() == null || !DNS1123_SUBDOMAIN.matcher(meta.getName()).matches()
                || meta.getName().length() > 253) {
            problems.add(doc.where() + ": metadata.name must be a DNS-1123 subdomain");
        }
        if (meta != null && meta.getNamespace() != null && !DNS1123_LABEL.matcher(meta.getNamespace()).matches()) {
            problems.add(doc.where() + ": metadata.namespace must be a DNS-1123 label");
        }
        labels(doc.tree(), "$", doc.where(), problems);
    }

    /** Every {@code labels}, {@code matchLabels} and {@code nodeSelector} map in the tree: keys and values by the API's rules. */
    private static void labels(JsonNode node, String path, String where, List<String> problems) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = path + "." + e.getKey();
                if (Set.of("labels", "matchLabels", "nodeSelector").contains(e.getKey()) && e.getValue().isObject()) {
                    e.getValue().fields().forEachRemaining(l -> {
                        if (!labelKey(l.getKey())) {
                            problems.add(where + ": " + p + ": label key '" + l.getKey() + "' is not a qualified name");
                        }
                        String v = l.getValue().asText();
                        if (!l.getValue().isTextual() || v.length() > 63 || !LABEL_VALUE.matcher(v).matches()) {
                            problems.add(where + ": " + p + "." + l.getKey() + ": '" + v + "' is not a valid label value");
                        }
                    });
                }
                labels(e.getValue(), p, where, problems);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                labels(node.get(i), path + "[" + i + "]", where, problems);
            }
        }
    }

    static boolean labelKey(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        return (prefix == null || (prefix.length() <= 253 && DNS1123_SUBDOMAIN.matcher(prefix).matches()))
                && name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
    }

    static boolean portName(String name) {
        return name.length() <= 15 && PORT_NAME.matcher(name).matches() && !name.contains("--")
                && name.chars().anyMatch(Character::isLetter);
    }

    /** Walks the model objects (fabric8 types, lists, maps) and reports every non-empty additionalProperties. */
    private static void unknownFields(Object o, String path, List<String> problems, String where, Set<Object> seen) {
        if (o == null || !seen.add(o)) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", problems, where, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, where, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(where + ": " + path + ": field(s) " + extra.keySet() + " not in the schema of "
                            + o.getClass().getSimpleName());
                }
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            unknownFields(value, path + "." + field, problems, where, seen);
        }
    }
}
