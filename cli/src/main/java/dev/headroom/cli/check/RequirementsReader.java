package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.InvalidInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.headroom.catalog.files.BoundedFiles;
import dev.headroom.sizing.quant.Names;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a requirements file (YAML, schema in docs/ci.md). Walks the YAML token stream rather than
 * binding to classes so that every problem carries the line it was found on, and collects all
 * problems before failing. Bounded: files over {@link #MAX_FILE_BYTES}, more than
 * {@link #MAX_REQUIREMENTS} entries or nesting deeper than 16 are rejected; YAML aliases are never
 * expanded (Jackson reports them as plain values).
 */
public final class RequirementsReader {
    /** Largest requirements file read: 1 MiB, far above any real one. */
    public static final long MAX_FILE_BYTES = 1L << 20;
    /** Problems listed per file; the rest are counted (a file with more is not a requirements file with typos). */
    static final int MAX_PROBLEMS = 50;
    /** Deepest nesting of maps and lists accepted (a real file nests 3 levels). */
    public static final int MAX_NESTING = 16;
    /** Most entries per file. */
    public static final int MAX_REQUIREMENTS = 1000;
    /** Keys of the top-level mapping. */
    public static final List<String> TOP_KEYS = List.of("requirements");

    private final ModelResolver models;
    private final YAMLFactory yaml;

    public RequirementsReader(ModelResolver models) {
        this.models = models;
        LoaderOptions limits = new LoaderOptions();
        limits.setCodePointLimit((int) MAX_FILE_BYTES);
        limits.setNestingDepthLimit(MAX_NESTING);
        limits.setAllowDuplicateKeys(true); // reported by us, with the line, instead of a parser exception
        // Jackson reads YAML through SnakeYAML's parser, not its composer, so the loader's nesting limit alone
        // does not apply (its default of 1,000 did): the stream constraint enforces the documented 16.
        this.yaml = YAMLFactory.builder().loaderOptions(limits)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build();
    }

    /**
     * Reads a file; relative model paths resolve against its directory.
     *
     * @throws InvalidInputException listing every problem with file, line and field
     */
    public RequirementsFile read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = BoundedFiles.readUtf8(file, MAX_FILE_BYTES, "requirements file");
        } catch (BoundedFiles.InputFileException e) {
            String message = e.getMessage();
            if (message.endsWith(": no such file")) {
                message += " (write a requirements file, see docs/ci.md, or name one: headroom check FILE)";
            }
            throw new InvalidInputException(List.of(message));
        }
        Path dir = file.toAbsolutePath().getParent();
        return read(name, new StringReader(text), dir);
    }

    /**
     * Reads YAML text.
     *
     * @param source the name used in messages
     * @param baseDirectory where relative model paths resolve
     * @throws InvalidInputException listing every problem with source, line and field
     */
    public RequirementsFile read(String source, Reader in, Path baseDirectory) {
        Problems problems = new Problems(source);
        List<RawEntry> entries;
        try (JsonParser p = yaml.createParser(in)) {
            entries = parse(p, problems);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
            throw new InvalidInputException(List.of(source + ":" + (at == null ? 1 : at.getLineNr()) + ": YAML syntax: " + message));
        } catch (IOException e) {
            throw new InvalidInputException(List.of(source + ": cannot read: " + e.getMessage()));
        }
        List<Requirement> requirements = new RequirementConverter(models, baseDirectory, problems).convert(entries);
        problems.throwIfAny();
        return new RequirementsFile(source, requirements);
    }

    /** One mapping under {@code requirements:}, keys to raw scalar values. */
    record RawEntry(int index, int line, Map<String, RawValue> fields) {
    }

    /** A scalar as written, null for an empty value. */
    record RawValue(String text, int line) {
    }

    private static List<RawEntry> parse(JsonParser p, Problems problems) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            problems.add(1, -1, "requirements", "missing: the file is empty (expected 'requirements:' and a list of entries)");
            return List.of();
        }
        if (t != JsonToken.START_OBJECT) {
            problems.add(line(p), -1, "requirements", "expected a mapping at the top level ('requirements:' and a list of entries)");
            return List.of();
        }
        List<RawEntry> entries = new ArrayList<>();
        boolean seen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p);
            JsonToken value = p.nextToken();
            if (!TOP_KEYS.contains(key)) {
                problems.add(keyLine, -1, key, "unknown key; did you mean '" + Names.nearest(key, TOP_KEYS) + "'?");
            } else if (seen) {
                problems.add(keyLine, -1, key, "appears twice");
            } else if (value != JsonToken.START_ARRAY) {
                problems.add(keyLine, -1, key, "expected a list of entries ('- name: ...')");
            } else {
                seen = true;
                readEntries(p, entries, problems);
                continue;
            }
            p.skipChildren();
        }
        if (p.nextToken() != null) {
            problems.add(line(p), -1, "---", "only one YAML document is read; put all entries under one 'requirements:'");
        }
        if (!seen && problems.isEmpty()) {
            problems.add(1, -1, "requirements", "missing (expected 'requirements:' and a list of entries)");
        } else if (seen && entries.isEmpty() && problems.isEmpty()) {
            problems.add(1, -1, "requirements", "the list is empty; add at least one entry");
        }
        return entries;
    }

    private static void readEntries(JsonParser p, List<RawEntry> entries, Problems problems) throws IOException {
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (index == MAX_REQUIREMENTS) {
                problems.add(line(p), index, "", "more than " + MAX_REQUIREMENTS + " requirements in one file");
                p.skipChildren();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    p.skipChildren();
                }
                return;
            }
            if (t != JsonToken.START_OBJECT) {
                problems.add(line(p), index, "", "expected a mapping (name:, model:, quant:, ...), found '" + p.getText() + "'");
                p.skipChildren();
            } else {
                entries.add(readEntry(p, index, problems));
            }
            index++;
        }
    }

    private static RawEntry readEntry(JsonParser p, int index, Problems problems) throws IOException {
        int startLine = line(p);
        Map<String, RawValue> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p);
            JsonToken value = p.nextToken();
            if (!RequirementConverter.KEYS.contains(key)) {
                problems.add(keyLine, index, key, "unknown key; did you mean '" + Names.nearest(key, RequirementConverter.KEYS) + "'?");
                p.skipChildren();
            } else if (fields.containsKey(key)) {
                problems.add(keyLine, index, key, "appears twice in this entry");
                p.skipChildren();
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                problems.add(keyLine, index, key, "expected a single value, found a " + (value == JsonToken.START_OBJECT ? "mapping" : "list"));
                p.skipChildren();
            } else {
                fields.put(key, new RawValue(value == JsonToken.VALUE_NULL ? null : p.getText(), keyLine));
            }
        }
        return new RawEntry(index, startLine, fields);
    }

    private static int line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    /** Problems of one file, formatted {@code file:line: requirements[i] (name).field: message}. */
    static final class Problems {
        private record Problem(int line, int index, String field, String message) {
        }

        private final String source;
        private final List<Problem> list = new ArrayList<>();
        private final Map<Integer, String> names = new LinkedHashMap<>();

        Problems(String source) {
            this.source = source;
        }

        void add(int line, int index, String field, String message) {
            list.add(new Problem(line, index, field, message));
        }

        /** Lets messages say which entry they are about by name as well as by index. */
        void name(int index, String name) {
            names.put(index, name);
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        void throwIfAny() {
            if (list.isEmpty()) {
                return;
            }
            List<String> lines = new ArrayList<>();
            List<Problem> byLine = new ArrayList<>(list);
            byLine.sort(java.util.Comparator.comparingInt(Problem::line));
            for (Problem p : byLine) {
                if (lines.size() == MAX_PROBLEMS) {
                    lines.add(source + ": " + (byLine.size() - MAX_PROBLEMS) + " more problems not shown");
                    break;
                }
                String where;
                if (p.index < 0) {
                    where = p.field;
                } else {
                    String entry = "requirements[" + p.index + "]" + (names.containsKey(p.index) ? " (" + names.get(p.index) + ")" : "");
                    where = p.field.isEmpty() ? entry : entry + "." + p.field;
                }
                lines.add(source + ":" + p.line + ": " + where + ": " + p.message);
            }
            throw new InvalidInputException(lines);
        }
    }
}
