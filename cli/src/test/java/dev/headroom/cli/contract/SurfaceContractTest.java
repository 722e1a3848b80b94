package dev.headroom.cli.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.validate.speed.ValidationPrediction;
import dev.headroom.cli.CommandRun;
import dev.headroom.dashboard.DashboardConfig;
import dev.headroom.dashboard.DashboardServer;
import dev.headroom.dashboard.WatchItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One question, one answer: for saved profiles of six kinds of machine, every surface gives the same model,
 * precision, placement, bytes and tokens/s for the same request: {@code ./headroom --json --hardware},
 * {@code fit --json}, {@code size --json}, {@code check --json}, the dashboard's {@code /api/fit} and
 * {@code /api/estimate}, its {@code /metrics} gauges, and {@code validate}'s prediction function. A surface that
 * computed on its own (another ladder, another ceiling, another placement rule) would differ in one of them.
 */
class SurfaceContractTest {
    static final Path PROFILES = Path.of("src/test/resources/fixtures/profiles/contract");
    static final List<String> MODELS = List.of("llama-3-8b", "qwen2.5-0.5b", "mixtral-8x7b", "llama-2-7b");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What every surface must agree on. Speeds compared to 1e-9 relative (they are the same double, printed). */
    record Answer(String model, String precision, String placement, long neededBytes, Double decode) {
        static Answer of(String model, JsonNode n) {
            JsonNode d = n.get("decodeTokensPerSecond");
            return new Answer(model, n.get("precision").asText(), n.get("placement").asText(), n.get("neededBytes").asLong(),
                    d == null || d.isNull() ? null : d.asDouble());
        }

        void assertSame(String surface, Answer other) {
            assertThat(other.precision).as(surface + " precision of " + model).isEqualTo(precision);
            assertThat(other.placement).as(surface + " placement of " + model).isEqualTo(placement);
            assertThat(other.neededBytes).as(surface + " bytes of " + model).isEqualTo(neededBytes);
            if (decode == null) {
                assertThat(other.decode).as(surface + " decode of " + model).isNull();
            } else {
                assertThat(other.decode).as(surface + " decode of " + model).isCloseTo(decode, org.assertj.core.api.Assertions.within(decode * 1e-9));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-2core.json", "gpu-8gib.json", "gpu-24gib.json", "2x-a100-80gb.json", "apple-m3-max-64gb.json",
            "cpu-2core-calibrated.json"})
    void everySurfaceGivesTheSameAnswer(String profileName, @TempDir Path tmp) throws Exception {
        Path profile = PROFILES.resolve(profileName);
        String hw = profile.toString();

        // 1. the main job and `fit`: the fit policy's pick per model
        Map<String, Answer> mainJob = rows(run("--json", "--hardware", hw));
        Map<String, Answer> fit = rows(run("fit", "--json", "--hardware", hw));
        Map<String, Long> contexts = contexts(run("fit", "--json", "--hardware", hw));
        for (String m : MODELS) {
            assertThat(mainJob).containsKey(m);
            mainJob.get(m).assertSame("fit", fit.get(m));
        }

        // 2. `size`, `check`: the same request at the picked precision
        StringBuilder yaml = new StringBuilder("requirements:\n");
        for (String m : MODELS) {
            Answer a = mainJob.get(m);
            if (a.placement().equals("no fit")) {
                continue;
            }
            JsonNode size = JSON.readTree(run("size", m, "--quant", a.precision(), "--context", "" + contexts.get(m), "--hardware", hw, "--json"));
            a.assertSame("size", Answer.of(m, size.get("estimate")));
            yaml.append("  - {name: ").append(m).append(", model: ").append(m).append(", quant: ").append(a.precision())
                    .append(", context: ").append(contexts.get(m)).append("}\n");
        }
        Path req = tmp.resolve("capacity.yaml");
        Files.writeString(req, yaml.toString());
        CommandRun check = CommandRun.of("check", req.toString(), "--hardware", hw, "--json");
        assertThat(check.code()).as(check.err()).isIn(0, 1);
        for (JsonNode r : JSON.readTree(check.out()).get("requirements")) {
            String m = r.get("model").asText();
            Answer c = new Answer(m, r.get("quant").asText(), r.get("placement").asText(), r.get("neededBytes").asLong(),
                    r.get("decodeTokensPerSecond").isNull() ? null : r.get("decodeTokensPerSecond").asDouble());
            mainJob.get(m).assertSame("check", c);
        }

        // 3. the dashboard serving the same saved machine: /api/fit, /api/estimate, /metrics
        Machines machines = Machines.standard();
        Machine machine = machines.fromProfile(profile, true);
        List<WatchItem> watch = new ArrayList<>();
        for (String m : MODELS) {
            Answer a = mainJob.get(m);
            watch.add(WatchItem.parse(m + ":" + a.precision() + ":" + contexts.get(m)));
        }
        DashboardConfig config = DashboardConfig.defaults().withPort(0).withWatch(watch);
        try (DashboardServer server = DashboardServer.startStatic(config, machine, machines)) {
            Map<String, Answer> apiFit = rows(get(server, "api/fit"));
            String metrics = get(server, "metrics");
            for (String m : MODELS) {
                Answer a = mainJob.get(m);
                a.assertSame("/api/fit", apiFit.get(m));
                JsonNode est = JSON.readTree(get(server, "api/estimate?model=" + m + "&quant=" + a.precision() + "&context=" + contexts.get(m)));
                a.assertSame("/api/estimate", Answer.of(m, est.get("estimate")));
                String labels = "context=\"" + contexts.get(m) + "\",model=\"" + m + "\",precision=\"" + a.precision() + "\"";
                assertThat(gauge(metrics, "headroom_model_required_bytes", labels)).as("/metrics bytes of " + m).isEqualTo((double) a.neededBytes());
                double decode = gauge(metrics, "headroom_model_decode_tokens_per_second", labels);
                if (a.placement().equals("no fit")) {
                    assertThat(decode).isZero();
                } else if (a.decode() != null) {
                    assertThat(decode).as("/metrics decode of " + m).isCloseTo(a.decode(), org.assertj.core.api.Assertions.within(a.decode() * 1e-6));
                }
            }
        }

        // 4. validate's prediction function on the same machine's GPU, for the Llama-2 rows it scores
        Answer llama2 = mainJob.get("llama-2-7b");
        if (llama2.placement().startsWith("GPU") || llama2.placement().matches("[0-9]+xGPU")) {
            int gpus = llama2.placement().matches("[0-9]+xGPU.*") ? Integer.parseInt(llama2.placement().substring(0, 1)) : 1;
            String gpuName = machine.hardware().gpus().get(0).name();
            // llama-bench tgN decodes at KV positions 0..N: its mean, N/2, is the context the fit table used.
            double validate = ValidationPrediction.decodeTokensPerSecond(gpuName, gpus, llama2.precision(), 6.74, 2 * contexts.get("llama-2-7b"));
            assertThat(validate).as("validate's prediction of llama-2-7b").isCloseTo(llama2.decode(), org.assertj.core.api.Assertions.within(llama2.decode() * 1e-9));
        }
    }

    private static String run(String... args) {
        CommandRun r = CommandRun.of(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out();
    }

    private static Map<String, Answer> rows(String json) throws Exception {
        Map<String, Answer> out = new LinkedHashMap<>();
        for (JsonNode n : JSON.readTree(json).get("models")) {
            out.put(n.get("id").asText(), Answer.of(n.get("id").asText(), n));
        }
        return out;
    }

    private static Map<String, Long> contexts(String json) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode n : JSON.readTree(json).get("models")) {
            out.put(n.get("id").asText(), n.get("contextTokens").asLong());
        }
        return out;
    }

    private static String get(DashboardServer server, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private static double gauge(String exposition, String name, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        assertThat(m.find()).as(name + "{" + labels + "} in /metrics").isTrue();
        return Double.parseDouble(m.group(1).toUpperCase(Locale.ROOT).equals("NAN") ? "NaN" : m.group(1));
    }
}
