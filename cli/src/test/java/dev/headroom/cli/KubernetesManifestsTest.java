package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.dashboard.DashboardConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * deploy/kubernetes, validated: every document against the Kubernetes and Prometheus Operator schemas
 * ({@link StrictManifestReader}), then the things a schema cannot see and a broken deployment would: the
 * selectors line up, limits are set, the pods run unprivileged, only the host paths the probe needs are
 * mounted, and the container arguments are ones {@code headroom serve} really accepts (parsed with the
 * command's own picocli model, so renaming an option fails this test) in the image the cli's Jib
 * configuration builds.
 */
class KubernetesManifestsTest {
    static final Path DIR = Path.of("..", "deploy", "kubernetes");
    static final String NAMESPACE = "headroom";
    /** Host paths the probe reads (docs/probe.md, docs/kubernetes.md): the node's cgroup tree, nothing else. */
    static final Set<String> ALLOWED_HOST_PATHS = Set.of("/sys/fs/cgroup");
    /**
     * Memory the JVM needs beyond its heap (metaspace, JIT, threads, native buffers, the natives of JNA
     * and JCuda): {@code headroom serve} from the image's own classpath, as uid 65532, with the manifests'
     * {@code -Xmx192m -XX:+UseSerialGC}, was 185 MB resident after 45 s and 186 MB after 78 s, heap
     * included (docs/kubernetes.md, "Resources"); 256 MiB on top of the heap is a wide margin.
     */
    static final long NON_HEAP_BYTES = 256L << 20;

    static final List<StrictManifestReader.Document> docs = new ArrayList<>();
    static final List<String> schemaProblems = new ArrayList<>();

    @BeforeAll
    static void readAll() throws IOException {
        StrictManifestReader reader = new StrictManifestReader();
        for (Path f : manifestFiles()) {
            docs.addAll(reader.read(f, schemaProblems));
        }
    }

    static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
    }

    static <T> List<T> all(Class<T> type) {
        return docs.stream().map(StrictManifestReader.Document::object).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void everyManifestIsValidAgainstItsSchema() {
        assertThat(schemaProblems).isEmpty();
        assertThat(docs).extracting(d -> d.object().getKind())
                .contains("Namespace", "ServiceAccount", "DaemonSet", "Service", "ServiceMonitor", "PodMonitor");
    }

    /** One edit of a shipped manifest that the API server (or the operator's CRD schema) refuses. */
    record Mutation(String name, String file, String from, String to, String expected) {
    }

    @Test
    void theReaderRejectsWhatTheApiServerWould(@TempDir Path tmp) throws IOException {
        // Each is refused by the API server: an unknown field since kubectl 1.25's default
        // --validate=strict (server-side field validation), the others by the OpenAPI types and by
        // apimachinery's label-value rule. The reader must name each.
        List<Mutation> mutations = List.of(
                new Mutation("typo", "daemonset.yaml", "readOnlyRootFilesystem:", "readOnlyRootFileSystem:",
                        "[readOnlyRootFileSystem] not in the schema of SecurityContext"),
                new Mutation("string-for-int", "daemonset.yaml", "containerPort: 9464", "containerPort: \"9464\"",
                        "Cannot coerce String value (\"9464\") to `java.lang.Integer`"),
                new Mutation("bool-for-string", "daemonset-gpu.yaml", "nvidia.com/gpu.present: \"true\"",
                        "nvidia.com/gpu.present: true", "Cannot coerce Boolean value (true) to `java.lang.String`"),
                new Mutation("bad-label", "daemonset.yaml", "headroom.dev/variant: cpu", "headroom.dev/variant: -cpu",
                        "'-cpu' is not a valid label value"),
                new Mutation("old-api", "daemonset.yaml", "apiVersion: apps/v1", "apiVersion: extensions/v1beta1",
                        "kind extensions/v1beta1/DaemonSet is not one"),
                new Mutation("object-for-list", "daemonset.yaml", "      containers:\n", "      containers: {}\n      x:\n",
                        "Cannot deserialize value of type `java.util.ArrayList<io.fabric8.kubernetes.api.model.Container>`"),
                new Mutation("crd-field", "servicemonitor.yaml", "      interval: 15s", "      scrapeInterval: 15s",
                        "[scrapeInterval] not in the schema of Endpoint"),
                new Mutation("duplicate-key", "service.yaml", "  clusterIP: None\n", "  clusterIP: None\n  clusterIP: 10.0.0.1\n",
                        "Duplicate field 'clusterIP'"));
        for (Mutation m : mutations) {
            String original = Files.readString(DIR.resolve(m.file()));
            String edited = original.replace(m.from(), m.to());
            assertThat(edited).as(m.name() + " applies").isNotEqualTo(original);
            Path f = tmp.resolve(m.name() + ".yaml");
            Files.writeString(f, edited);
            List<String> problems = new ArrayList<>();
            new StrictManifestReader().read(f, problems);
            assertThat(problems).as(m.name()).anySatisfy(p -> assertThat(p).contains(m.expected()));
        }
    }

    @Test
    void everythingLivesInTheNamespaceItCreates() {
        assertThat(all(Namespace.class)).extracting(n -> n.getMetadata().getName()).containsExactly(NAMESPACE);
        for (var d : docs) {
            if (!(d.object() instanceof Namespace)) {
                assertThat(d.object().getMetadata().getNamespace()).as(d.where()).isEqualTo(NAMESPACE);
            }
        }
        Set<String> accounts = all(ServiceAccount.class).stream().map(a -> a.getMetadata().getName()).collect(Collectors.toSet());
        for (DaemonSet ds : all(DaemonSet.class)) {
            assertThat(accounts).contains(ds.getSpec().getTemplate().getSpec().getServiceAccountName());
        }
        // headroom never calls the API server: no token in the pods.
        assertThat(all(ServiceAccount.class)).allSatisfy(a -> assertThat(a.getAutomountServiceAccountToken()).isFalse());
    }

    @Test
    void theDaemonSetsSelectTheirOwnPodsAndNotEachOthers() {
        List<DaemonSet> sets = all(DaemonSet.class);
        assertThat(sets).hasSize(2);
        for (DaemonSet ds : sets) {
            Map<String, String> podLabels = ds.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(selects(ds.getSpec().getSelector(), podLabels)).as(ds.getMetadata().getName()).isTrue();
            for (DaemonSet other : sets) {
                if (other != ds) {
                    assertThat(selects(ds.getSpec().getSelector(), other.getSpec().getTemplate().getMetadata().getLabels()))
                            .as(ds.getMetadata().getName() + " must not adopt the pods of " + other.getMetadata().getName()).isFalse();
                }
            }
        }
    }

    @Test
    void gpuAndCpuNodesAreSplitWithoutGapOrOverlap() {
        DaemonSet gpu = daemonSet("headroom-gpu");
        DaemonSet cpu = daemonSet("headroom");
        PodSpec g = gpu.getSpec().getTemplate().getSpec();
        PodSpec c = cpu.getSpec().getTemplate().getSpec();
        // GPU Feature Discovery's label; the CPU set takes every node where it is not "true" (absent too).
        assertThat(g.getNodeSelector()).containsExactlyEntriesOf(Map.of("nvidia.com/gpu.present", "true"));
        List<NodeSelectorRequirement> reqs = c.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().stream().flatMap(t -> t.getMatchExpressions().stream()).toList();
        assertThat(reqs).singleElement().satisfies(r -> {
            assertThat(r.getKey()).isEqualTo("nvidia.com/gpu.present");
            assertThat(r.getOperator()).isEqualTo("NotIn");
            assertThat(r.getValues()).containsExactly("true");
        });
        assertThat(g.getRuntimeClassName()).isEqualTo("nvidia");
        assertThat(c.getRuntimeClassName()).isNull();
        assertThat(g.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
        Container gc = g.getContainers().get(0);
        assertThat(env(gc)).containsEntry("NVIDIA_VISIBLE_DEVICES", "all");
        assertThat(env(gc).get("NVIDIA_DRIVER_CAPABILITIES")).contains("utility").contains("compute");
        // Reading the GPUs must not take one from the scheduler: no extended GPU resource anywhere.
        for (DaemonSet ds : all(DaemonSet.class)) {
            for (Container k : ds.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(k.getResources().getRequests().keySet()).noneMatch(r -> r.contains("gpu"));
                assertThat(k.getResources().getLimits().keySet()).noneMatch(r -> r.contains("gpu"));
            }
        }
    }

    @Test
    void everyContainerHasLimitsThatHoldItsHeap() {
        for (DaemonSet ds : all(DaemonSet.class)) {
            for (Container k : ds.getSpec().getTemplate().getSpec().getContainers()) {
                String where = ds.getMetadata().getName() + "/" + k.getName();
                ResourceRequirements r = k.getResources();
                for (String res : List.of("cpu", "memory")) {
                    assertThat(r.getRequests()).as(where + " requests").containsKey(res);
                    assertThat(r.getLimits()).as(where + " limits").containsKey(res);
                    BigDecimal request = Quantity.getAmountInBytes(r.getRequests().get(res));
                    BigDecimal limit = Quantity.getAmountInBytes(r.getLimits().get(res));
                    assertThat(request).as(where + " " + res).isPositive().isLessThanOrEqualTo(limit);
                }
                long memLimit = Quantity.getAmountInBytes(r.getLimits().get("memory")).longValueExact();
                String opts = env(k).getOrDefault("JAVA_TOOL_OPTIONS", "");
                Matcher xmx = Pattern.compile("-Xmx(\\d+)([kmg])").matcher(opts);
                assertThat(xmx.find()).as(where + ": the heap must be sized (the JVM sees the node's cgroup, not the pod's)").isTrue();
                long heap = Long.parseLong(xmx.group(1)) << switch (xmx.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    default -> 30;
                };
                assertThat(heap + NON_HEAP_BYTES).as(where + ": heap + non-heap within the memory limit").isLessThanOrEqualTo(memLimit);
            }
        }
    }

    @Test
    void podsRunUnprivilegedWithOnlyTheHostPathsTheProbeNeeds() {
        String jibUser = jibConfig("user");
        for (DaemonSet ds : all(DaemonSet.class)) {
            String name = ds.getMetadata().getName();
            PodSpec p = ds.getSpec().getTemplate().getSpec();
            assertThat(p.getHostNetwork()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(p.getHostPID()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(p.getHostIPC()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(p.getAutomountServiceAccountToken()).as(name).isFalse();
            assertThat(p.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(p.getSecurityContext().getRunAsUser()).as(name).isPositive();
            // The image's user (cli/pom.xml, Jib) is the pod's: runAsNonRoot then holds without an override.
            assertThat(p.getSecurityContext().getRunAsUser() + ":" + p.getSecurityContext().getRunAsGroup()).isEqualTo(jibUser);
            assertThat(p.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            Map<String, Volume> volumes = p.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
            for (Volume v : p.getVolumes()) {
                if (v.getHostPath() != null) {
                    assertThat(ALLOWED_HOST_PATHS).as(name + " hostPath").contains(v.getHostPath().getPath());
                }
            }
            for (Container k : p.getContainers()) {
                var sc = k.getSecurityContext();
                assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
                assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
                for (VolumeMount m : k.getVolumeMounts()) {
                    Volume v = volumes.get(m.getName());
                    assertThat(v).as(name + " mount " + m.getName()).isNotNull();
                    if (v.getHostPath() != null) {
                        assertThat(m.getReadOnly()).as(name + ": host paths are mounted read-only").isTrue();
                    }
                }
            }
        }
        // hostPath is forbidden by the "baseline" Pod Security Standard; the namespace must admit it.
        boolean anyHostPath = all(DaemonSet.class).stream().flatMap(d -> d.getSpec().getTemplate().getSpec().getVolumes().stream())
                .anyMatch(v -> v.getHostPath() != null);
        Namespace ns = all(Namespace.class).get(0);
        if (anyHostPath) {
            assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "privileged");
        }
    }

    @Test
    void theContainerArgumentsAreOnesServeAccepts() {
        for (DaemonSet ds : all(DaemonSet.class)) {
            Container k = ds.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(k.getCommand()).as("the image's entrypoint runs headroom; only args are given").isNullOrEmpty();
            ServeCommand serve = parseServe(k.getArgs());
            DashboardConfig config = serve.config();
            assertThat(config.host()).isEqualTo("0.0.0.0");
            ContainerPort metrics = port(k, "metrics");
            assertThat(config.port()).isEqualTo(metrics.getContainerPort());
            assertThat(config.watch()).hasSizeGreaterThan(0);
            // The token, when given, comes from an optional Secret, so the manifests apply without one.
            EnvVar token = k.getEnv().stream().filter(e -> e.getName().equals(DashboardConfig.TOKEN_ENV)).findFirst().orElseThrow();
            assertThat(token.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
            // Probes hit /metrics, the one path that never needs the token (docs/metrics.md).
            for (Probe probe : List.of(k.getStartupProbe(), k.getLivenessProbe())) {
                HTTPGetAction get = probe.getHttpGet();
                assertThat(get.getPath()).isEqualTo("/metrics");
                assertThat(get.getPort().getStrVal()).isEqualTo(metrics.getName());
            }
            assertThat(k.getImage()).as("the image cli/pom.xml's Jib configuration builds").isEqualTo(jibImage());
        }
        // The image's own default arguments are valid too.
        List<String> imageArgs = jibArgs();
        assertThat(parseServe(imageArgs).config().host()).isEqualTo("0.0.0.0");
        assertThat(jibConfig("mainClass")).isEqualTo(Main.class.getName());
        assertThat(Integer.parseInt(jibConfig("port"))).isEqualTo(DashboardConfig.DEFAULT_PORT);
    }

    @Test
    void aRenamedOptionWouldFailTheArgumentCheck() {
        List<String> args = List.of("serve", "--listen=0.0.0.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parseServe(args))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }

    @Test
    void theServiceSelectsTheExporterPodsByItsPortName() {
        Service svc = all(Service.class).stream().filter(s -> s.getMetadata().getName().equals("headroom")).findFirst().orElseThrow();
        ServicePort sp = svc.getSpec().getPorts().stream().filter(p -> "metrics".equals(p.getName())).findFirst().orElseThrow();
        assertThat(StrictManifestReader.portName(sp.getName())).isTrue();
        for (DaemonSet ds : all(DaemonSet.class)) {
            Map<String, String> podLabels = ds.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).as(ds.getMetadata().getName()).containsAllEntriesOf(svc.getSpec().getSelector());
            Container k = ds.getSpec().getTemplate().getSpec().getContainers().get(0);
            ContainerPort cp = port(k, sp.getTargetPort().getStrVal());
            assertThat(cp.getContainerPort()).isEqualTo(sp.getPort());
        }
    }

    @Test
    void theMonitorsScrapeTheServiceAndThePodsByName() {
        Service svc = all(Service.class).get(0);
        ServiceMonitor sm = all(ServiceMonitor.class).get(0);
        assertThat(selects(sm.getSpec().getSelector(), svc.getMetadata().getLabels())).isTrue();
        assertThat(sm.getSpec().getNamespaceSelector().getMatchNames()).contains(svc.getMetadata().getNamespace());
        Set<String> svcPorts = svc.getSpec().getPorts().stream().map(ServicePort::getName).collect(Collectors.toSet());
        assertThat(sm.getSpec().getEndpoints()).isNotEmpty().allSatisfy(e -> {
            assertThat(svcPorts).contains(e.getPort());
            assertThat(e.getPath()).isEqualTo("/metrics");
        });
        PodMonitor pm = all(PodMonitor.class).get(0);
        assertThat(pm.getSpec().getNamespaceSelector().getMatchNames()).contains(NAMESPACE);
        for (DaemonSet ds : all(DaemonSet.class)) {
            assertThat(selects(pm.getSpec().getSelector(), ds.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
            Container k = ds.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(pm.getSpec().getPodMetricsEndpoints()).isNotEmpty()
                    .allSatisfy(e -> assertThat(port(k, e.getPort()).getContainerPort()).isPositive());
        }
    }

    @Test
    void theKustomizationListsEveryManifestButTheAlternativeMonitor() throws IOException {
        JsonNode k = new YAMLMapper().readTree(DIR.resolve("kustomization.yaml").toFile());
        assertThat(k.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(k.path("kind").asText()).isEqualTo("Kustomization");
        Set<String> listed = new TreeSet<>();
        k.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = manifestFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        // A ServiceMonitor and a PodMonitor together would scrape every node twice.
        files.remove("podmonitor.yaml");
        assertThat(listed).isEqualTo(files);
    }

    // ---- helpers

    static DaemonSet daemonSet(String name) {
        return all(DaemonSet.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    static ServeCommand parseServe(List<String> args) {
        assertThat(args).isNotEmpty();
        assertThat(args.get(0)).isEqualTo("serve");
        ParseResult result = Main.parser(new HeadroomCommand()).parseArgs(args.toArray(String[]::new));
        ParseResult sub = result.subcommand();
        assertThat(sub).isNotNull();
        return (ServeCommand) sub.commandSpec().userObject();
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        assertThat(selector.getMatchExpressions()).as("only matchLabels selectors are shipped").isNullOrEmpty();
        return selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static Map<String, String> env(Container k) {
        return k.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    static ContainerPort port(Container k, String name) {
        return k.getPorts().stream().filter(p -> Objects.equals(p.getName(), name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name + " in " + k.getName()));
    }

    /** cli/pom.xml's Jib {@code <container>} child, by element name. */
    static String jibConfig(String element) {
        return jib().getElementsByTagName(element).item(0).getTextContent().trim();
    }

    static List<String> jibArgs() {
        var nodes = ((Element) jib().getElementsByTagName("args").item(0)).getElementsByTagName("arg");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().trim());
        }
        return out;
    }

    /** The image name Jib writes: cli/pom.xml's headroom.image.name with the project version filled in. */
    static String jibImage() {
        Element pom = xml(Path.of("pom.xml"));
        String name = ((Element) pom.getElementsByTagName("properties").item(0)).getElementsByTagName("headroom.image.name")
                .item(0).getTextContent().trim();
        String version = ((Element) pom.getElementsByTagName("parent").item(0)).getElementsByTagName("version").item(0)
                .getTextContent().trim();
        return name.replace("${project.version}", version);
    }

    static Element jib() {
        var plugins = xml(Path.of("pom.xml")).getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if (p.getElementsByTagName("artifactId").item(0).getTextContent().equals("jib-maven-plugin")) {
                return (Element) p.getElementsByTagName("container").item(0);
            }
        }
        throw new AssertionError("no jib-maven-plugin in cli/pom.xml");
    }

    static Element xml(Path file) {
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
    }
}
