package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.advisor.check.WorkloadRequirement;
import dev.headroom.sizing.text.SafeText;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI test reporters read it (GitHub test-report actions, GitLab {@code artifacts:reports:junit},
 * Jenkins): one {@code testsuite} per requirements file, one {@code testcase} per requirement, a
 * {@code failure} with the reasons and numbers for each requirement not met. The shape satisfies both
 * the Apache Ant schema (required {@code properties}, {@code system-out}, {@code system-err},
 * {@code timestamp} without zone, {@code package} and {@code id}) and the Jenkins xUnit schema; the
 * test suite validates it against src/test/resources/junit/junit-ci.xsd.
 */
public final class JunitReport {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private JunitReport() {
    }

    public static void write(CheckReport report, Writer out) {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            String suite = suiteName(report.requirementsFile());
            String tests = String.valueOf(report.results().size());
            String failures = String.valueOf(report.results().size() - report.metCount());
            String time = seconds(report.seconds());
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "headroom check");
            x.writeAttribute("tests", tests);
            x.writeAttribute("failures", failures);
            x.writeAttribute("errors", "0");
            x.writeAttribute("time", time);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suite);
            x.writeAttribute("package", "headroom.check");
            x.writeAttribute("id", "0");
            x.writeAttribute("timestamp", TIMESTAMP.format(LocalDateTime.ofInstant(report.timestamp(), ZoneOffset.UTC)));
            x.writeAttribute("hostname", report.hardware().hostName().isBlank() ? "localhost" : stripInvalidXmlChars(report.hardware().hostName()));
            x.writeAttribute("tests", tests);
            x.writeAttribute("failures", failures);
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", time);
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "requirementsFile", report.requirementsFile());
            property(x, "hardwareSource", report.hardwareSource());
            property(x, "machine", report.machineSummary());
            x.writeCharacters("\n    ");
            x.writeEndElement();
            for (RequirementResult r : report.results()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", stripInvalidXmlChars(r.requirement().name()));
                x.writeAttribute("classname", "headroom.check." + suite);
                x.writeAttribute("time", seconds(r.seconds()));
                if (!r.met()) {
                    x.writeCharacters("\n      ");
                    x.writeStartElement("failure");
                    x.writeAttribute("type", "RequirementNotMet");
                    x.writeAttribute("message", stripInvalidXmlChars(String.join("; ", r.failures())));
                    x.writeCharacters(details(r));
                    x.writeEndElement();
                    x.writeCharacters("\n    ");
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n    ");
            x.writeStartElement("system-out");
            x.writeCharacters(stripInvalidXmlChars(String.join("\n", report.notes())));
            x.writeEndElement();
            x.writeCharacters("\n    ");
            x.writeEmptyElement("system-err");
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML: " + e.getMessage(), e);
        }
    }

    /** The numbers behind a failure, one per line, for the report's detail view. */
    static String details(RequirementResult r) {
        Requirement q = r.requirement();
        StringBuilder s = new StringBuilder();
        r.failures().forEach(f -> s.append(f).append('\n'));
        if (q.isWorkload()) {
            WorkloadRequirement w = q.workload();
            s.append("model ").append(TableReport.modelLabel(r)).append(", batch ").append(w.batch()).append(", device ")
                    .append(q.device().label()).append('\n');
            s.append("runs on ").append(r.placement()).append(": needs ").append(CapacityEvaluator.gib(r.neededBytes()));
            if (r.workload() != null) {
                s.append(" (").append(r.memory().components().stream().filter(c -> c.bytes() > 0)
                        .map(c -> c.name() + " " + CapacityEvaluator.gib(c.bytes())).collect(java.util.stream.Collectors.joining(", "))).append(')');
            }
            s.append(", available ").append(CapacityEvaluator.gib(r.availableBytes()))
                    .append(", margin ").append(TableReport.margin(r)).append(" (min ").append(q.minHeadroom().label()).append(")\n");
            s.append("throughput ").append(TableReport.throughput(r));
            return stripInvalidXmlChars(s.toString());
        }
        s.append("model ").append(q.model().id()).append(' ').append(q.quant().displayName())
                .append(", context ").append(q.contextTokens()).append(", concurrency ").append(q.concurrency())
                .append(", runtime ").append(q.runtime().name()).append(", device ").append(q.device().label()).append('\n');
        s.append("runs on ").append(r.placement()).append(": needs ").append(CapacityEvaluator.gib(r.neededBytes()))
                .append(", available ").append(CapacityEvaluator.gib(r.availableBytes()))
                .append(", margin ").append(TableReport.margin(r)).append(" (min ").append(q.minHeadroom().label()).append(")\n");
        s.append("decode tok/s ").append(TableReport.speed(r.decodeTokensPerSecond(), q.minDecodeTokensPerSecond()))
                .append(", prefill tok/s ").append(TableReport.speed(r.prefillTokensPerSecond(), q.minPrefillTokensPerSecond()));
        return stripInvalidXmlChars(s.toString());
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", stripInvalidXmlChars(value));
    }

    /** {@code capacity.yaml} → {@code capacity}: test reporters show the suite as a class name. */
    static String suiteName(String file) {
        String name = file.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        name = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return name.isEmpty() ? "requirements" : name;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** XML 1.0 cannot carry most control characters, even escaped. */
    static String stripInvalidXmlChars(String s) {
        // The one sanitizer first (escape sequences become visible text), then what XML itself refuses.
        return SafeText.text(s).replaceAll("[\\uFFFE\\uFFFF]", "?");
    }
}
