package dev.headroom.cli.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.cli.CommandRun;
import dev.headroom.dashboard.DashboardConfig;
import dev.headroom.dashboard.DashboardServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code headroom plan --json} and the dashboard's {@code /api/plan} answer the same question with the same plan. */
class PlanContractTest {
    @Test
    void theCliAndTheApiGiveTheSamePlan() throws Exception {
        CommandRun cli = CommandRun.of("plan", "llama-3-8b", "--users", "40", "--prompt-tokens", "500", "--output-tokens", "100",
                "--ttft-p95", "2", "--tpot", "0.05", "--device", "L40S", "--gpus", "1", "--price", "1.5", "--quant", "BF16,AWQ", "--json");
        assertThat(cli.code()).as(cli.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(cli.out());
        Machines machines = Machines.standard();
        Machine machine = machines.fromProfile(Path.of("src/test/resources/fixtures/profiles/contract/cpu-2core.json"), false);
        try (DashboardServer server = DashboardServer.startStatic(DashboardConfig.defaults().withPort(0), machine, machines)) {
            String q = "api/plan?model=llama-3-8b&users=40&prompt=500&output=100&ttft=2&tpot=0.05&device="
                    + URLEncoder.encode("L40S", StandardCharsets.UTF_8) + "&gpus=1&price=1.5&quant=BF16,AWQ";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + q)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode b = new ObjectMapper().readTree(r.body());
            assertThat(b.get("candidates")).isEqualTo(a.get("candidates"));
            assertThat(a.get("candidates")).hasSize(2);
            assertThat(a.get("candidates").get(0).get("feasible").asBoolean()).isTrue();
            assertThat(a.get("candidates").get(0).get("costPerHour").asDouble())
                    .isEqualTo(1.5 * a.get("candidates").get(0).get("gpus").asInt());
            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
                    + "api/plan?model=llama-3-8b&users=4&device=RTX%209999%20Ultra")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("unknown");
        }
    }

    @Test
    void theIssuesAcceptanceQuestionPrintsReplicasGpusAndPercentiles() throws Exception {
        String[] q = {"plan", "llama-3-8b", "--users", "200", "--prompt-tokens", "1000", "--output-tokens", "200", "--ttft-p95", "2s",
                "--tpot", "50ms", "--device", "H100 SXM", "--gpus", "1,2"};
        CommandRun table = CommandRun.of(q);
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("replicas", "GPUs", "TTFT p95", "TPOT p95", "H100 SXM", "BF16");
        String[] withJson = java.util.Arrays.copyOf(q, q.length + 1);
        withJson[q.length] = "--json";
        JsonNode plan = new ObjectMapper().readTree(CommandRun.of(withJson).out());
        assertThat(plan.at("/targets/tpotP95Seconds").asDouble()).isEqualTo(0.05);
        JsonNode best = plan.get("candidates").get(0);
        assertThat(best.get("feasible").asBoolean()).isTrue();
        assertThat(best.get("replicas").asInt()).isPositive();
        assertThat(best.at("/achieved/tpotP95Seconds").asDouble()).isLessThanOrEqualTo(0.05);
        assertThat(best.at("/achieved/ttftP95Seconds").asDouble()).isLessThanOrEqualTo(2.0);
        CommandRun bad = CommandRun.of("plan", "llama-3-8b", "--users", "2", "--tpot", "fast", "--device", "H100 SXM");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'fast' is not a duration");
    }
}
