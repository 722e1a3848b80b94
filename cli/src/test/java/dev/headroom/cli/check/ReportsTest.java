package dev.headroom.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.cli.Json;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

class ReportsTest {
    /** One met, one not met, names with characters XML and Markdown treat specially. */
    private static final String MIXED = """
            requirements:
              - name: "tiny <&> 'quoted' | piped"
                model: gpt-2
                quant: Q8_0
                minHeadroom: 10%
              - name: big-chat
                model: llama-3-70b
                quant: F16
                context: 8192
                concurrency: 4
              - name: slow
                model: llama-3-8b
                minDecodeTokensPerSecond: 1000
            """;

    static void validateJunit(String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(CheckFixtures.resource("junit/junit-ci.xsd").toFile());
        Validator validator = schema.newValidator();
        validator.validate(new StreamSource(new StringReader(xml)));
    }

    static String junit(CheckReport report) {
        StringWriter xml = new StringWriter();
        JunitReport.write(report, xml);
        return xml.toString();
    }

    @Test
    void junitXmlValidatesAgainstTheCommonSchemaWithOneTestCasePerRequirement() throws Exception {
        String xml = junit(CheckFixtures.report(CheckFixtures.vm(), MIXED));
        validateJunit(xml);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("test");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-22T06:00:00");
        assertThat(suite.getAttribute("hostname")).isEqualTo("vm");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element tiny = (Element) cases.item(0);
        assertThat(tiny.getAttribute("name")).isEqualTo("tiny <&> 'quoted' | piped");
        assertThat(tiny.getElementsByTagName("failure").getLength()).isZero();
        Element big = (Element) cases.item(1);
        Element failure = (Element) big.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("RequirementNotMet");
        assertThat(failure.getAttribute("message")).startsWith("does not fit: needs ").contains("short by ");
        assertThat(failure.getTextContent()).contains("model llama-3-70b F16, context 8192, concurrency 4", "runs on no fit: needs ");
        Element slow = (Element) cases.item(2);
        assertThat(((Element) slow.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .matches("decode [0-9.]+ tokens/s is below the minimum 1000 tokens/s");
    }

    @Test
    void theSchemaRejectsWhatCiReportersWouldNot() {
        String noName = "<testsuites><testsuite name='x' package='p' id='0' timestamp='2026-11-22T06:00:00' hostname='h' tests='1'"
                + " failures='0' errors='0' time='0.1'><properties/><testcase classname='c' time='0'/><system-out/><system-err/></testsuite></testsuites>";
        assertThatThrownBy(() -> validateJunit(noName)).isInstanceOf(SAXException.class).hasMessageContaining("name");
        String zoned = noName.replace("<testcase classname", "<testcase name='n' classname").replace("06:00:00'", "06:00:00Z'");
        assertThatThrownBy(() -> validateJunit(zoned)).isInstanceOf(SAXException.class).hasMessageContaining("localTimestamp");
    }

    @Test
    void jsonCarriesTheVerdictTheNumbersAndNullForSpeedsNotEstimated() throws Exception {
        CheckReport report = CheckFixtures.report(CheckFixtures.vm(), MIXED);
        JsonNode root = Json.MAPPER.readTree(Json.write(JsonReport.json(report)));
        assertThat(root.get("met").asBoolean()).isFalse();
        assertThat(root.get("requirementsMet").asInt()).isEqualTo(1);
        assertThat(root.get("requirementsNotMet").asInt()).isEqualTo(2);
        assertThat(root.at("/hardware/cpu/logicalCores").asInt()).isEqualTo(2);
        JsonNode big = root.get("requirements").get(1);
        assertThat(big.get("name").asText()).isEqualTo("big-chat");
        assertThat(big.get("line").asInt()).isEqualTo(6);
        assertThat(big.get("placement").asText()).isEqualTo("no fit");
        assertThat(big.get("decodeTokensPerSecond").isNull()).isTrue();
        assertThat(big.get("headroomBytes").asLong()).isEqualTo(big.get("availableBytes").asLong() - big.get("neededBytes").asLong());
        assertThat(big.at("/memory/kvCacheBytes").asLong()).isEqualTo(4L * 8192 * 320 * 1024); // 80 layers x 8 KV heads x 128 x 2 x 2 bytes
        assertThat(big.get("failures").get(0).asText()).startsWith("does not fit");
        JsonNode tiny = root.get("requirements").get(0);
        assertThat(tiny.get("met").asBoolean()).isTrue();
        assertThat(tiny.get("decodeTokensPerSecond").asDouble()).isPositive();
        assertThat(tiny.at("/thresholds/minHeadroom").asText()).isEqualTo("10%");
        assertThat(tiny.at("/thresholds/minHeadroomBytes").asLong()).isEqualTo((long) Math.ceil(tiny.get("poolBytes").asLong() * 0.10));
    }

    @Test
    void markdownSummarisesTheVerdictAndEscapesUserText() {
        String md = MarkdownReport.render(CheckFixtures.report(CheckFixtures.vm(), MIXED));
        assertThat(md).startsWith("### headroom check: requirements NOT met (1 of 3)");
        assertThat(md).contains("| tiny &lt;&amp;&gt; 'quoted' \\| piped | ✅ met |".replace("&amp;", "&"));
        assertThat(md).contains("| big-chat | ❌ not met | llama-3-70b F16 | no fit |");
        assertThat(md).contains("- **big-chat**: does not fit: needs ");
        assertThat(md.lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(4); // header + 3 rows
    }

    @Test
    void theTableShowsVerdictNeedsAvailableMarginAndSpeedsThenTheReasons() {
        StringWriter out = new StringWriter();
        TableReport.print(CheckFixtures.report(CheckFixtures.rtx4090(), MIXED), new PrintWriter(out));
        String text = out.toString();
        assertThat(text).contains("requirement", "verdict", "needs", "available", "margin", "decode tok/s", "prefill tok/s");
        assertThat(text).containsPattern("big-chat +NOT MET +llama-3-70b F16 +no fit");
        assertThat(text).containsPattern("slow +NOT MET +llama-3-8b Q4_K_M +GPU .* [0-9.]+ / 1000");
        assertThat(text).contains("NOT MET  big-chat: does not fit: needs ");
        assertThat(text.strip()).endsWith("1 of 3 requirements met.");
    }
}
