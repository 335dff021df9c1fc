package io.tatekae.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the configuration file, read from the composed YAML node tree (no Java objects
 * are ever constructed from YAML). Typed reads report problems and return the default; every key
 * that was read is "known", so {@link #rejectUnknownKeys()} can flag the rest and suggest a known one.
 */
final class YamlSection {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?[0-9]{1,30}");
    private static final int MAX_SHOWN_CHARS = 40;

    private final Problems problems;
    private final String path;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final List<YamlSection> children = new ArrayList<>();

    /** {@code node} may be null (the section is absent: every read gives its default). */
    YamlSection(Problems problems, String path, Node node) {
        this.problems = problems;
        this.path = path;
        if (node == null || isNull(node)) {
            return;
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.atKey(path, "expected a section of keys, got " + describe(node), line(node));
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            addEntry(tuple);
        }
    }

    private void addEntry(NodeTuple tuple) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey) || scalarKey.getTag().equals(Tag.MERGE)) {
            problems.atKey(path.isEmpty() ? "(top level)" : path,
                    "keys must be plain names, got " + describe(keyNode), line(keyNode));
            return;
        }
        String key = scalarKey.getValue();
        if (entries.putIfAbsent(key, tuple) != null) {
            problems.atKey(pathOf(key), "duplicate key", line(keyNode));
        }
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int lineOf(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? 0 : line(tuple.getKeyNode());
    }

    boolean has(String key) {
        known.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple != null && !isNull(tuple.getValueNode());
    }

    void problem(String key, String message) {
        problems.atKey(pathOf(key), message, lineOf(key));
    }

    YamlSection section(String key) {
        known.add(key);
        NodeTuple tuple = entries.get(key);
        YamlSection child = new YamlSection(problems, pathOf(key), tuple == null ? null : tuple.getValueNode());
        children.add(child);
        return child;
    }

    /** The raw text of a scalar value, or null when the key is absent or has no value (a problem is reported for a non-scalar). */
    String text(String key) {
        if (!has(key)) {
            return null;
        }
        Node node = entries.get(key).getValueNode();
        if (node instanceof ScalarNode scalar && !isCustomTag(node)) {
            return scalar.getValue();
        }
        problem(key, "expected a single value, got " + describe(node));
        return null;
    }

    /** Like {@link #text(String)}, but no message ever shows the value; {@code expected} says what it should be. */
    String secret(String key, String expected) {
        if (!has(key)) {
            return null;
        }
        if (entries.get(key).getValueNode() instanceof ScalarNode scalar && !isCustomTag(scalar)) {
            return scalar.getValue();
        }
        problem(key, "expected " + expected + " as a single value");
        return null;
    }

    String text(String key, String defaultValue) {
        String value = text(key);
        return value == null ? defaultValue : value;
    }

    /** A whole number in min..max; the default when absent or invalid (then a problem is reported). */
    long number(String key, long defaultValue, long min, long max) {
        String value = text(key);
        if (value == null) {
            return defaultValue;
        }
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            problem(key, "expected a whole number in " + range(min, max) + ", got " + show(value));
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            parsed = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (parsed < min || parsed > max) {
            problem(key, value + " is out of range (allowed " + range(min, max) + ")");
            return defaultValue;
        }
        return parsed;
    }

    int number(String key, int defaultValue, int min, int max) {
        return (int) number(key, (long) defaultValue, min, max);
    }

    /** One of {@code allowed} (exact spelling); the default when absent or invalid. */
    String choice(String key, String defaultValue, List<String> allowed) {
        String value = text(key);
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            problem(key, show(value) + " is not allowed (allowed: " + String.join(" | ", allowed) + ")");
            return defaultValue;
        }
        return value;
    }

    /** A list of single values, or the default when absent; an invalid list reports a problem and gives the default. */
    List<String> textList(String key, List<String> defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Node node = entries.get(key).getValueNode();
        if (!(node instanceof SequenceNode sequence) || isCustomTag(node)) {
            problem(key, "expected a list, got " + describe(node));
            return defaultValue;
        }
        List<String> values = new ArrayList<>(sequence.getValue().size());
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar) || isNull(item) || isCustomTag(item)) {
                problems.atKey(pathOf(key), "list items must be single values, got " + describe(item), line(item));
                return defaultValue;
            }
            values.add(scalar.getValue());
        }
        return values;
    }

    /** For sections whose keys are names chosen by the user: every key is accepted. */
    List<String> userKeys() {
        known.addAll(entries.keySet());
        return List.copyOf(entries.keySet());
    }

    /** Reports every key of this section and its sub-sections that nothing read. */
    void rejectUnknownKeys() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (!known.contains(key)) {
                String suggestion = DidYouMean.closest(key, known);
                problems.atKey(pathOf(key), "unknown key"
                        + (suggestion == null ? " (known keys: " + String.join(", ", known) + ")"
                                : " (did you mean " + pathOf(suggestion) + "?)"),
                        line(entry.getValue().getKeyNode()));
            }
        }
        for (YamlSection child : children) {
            child.rejectUnknownKeys();
        }
    }

    static String range(long min, long max) {
        return min + ".." + max;
    }

    /** A value for a message: quoted, shortened, printable ASCII only. Never used for secrets. */
    static String show(String value) {
        StringBuilder shown = new StringBuilder("\"");
        for (int i = 0; i < value.length() && i < MAX_SHOWN_CHARS; i++) {
            char c = value.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return shown.append(value.length() > MAX_SHOWN_CHARS ? "...\"" : "\"").toString();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static boolean isCustomTag(Node node) {
        return !Tag.standardTags.contains(node.getTag());
    }

    private static String describe(Node node) {
        if (isCustomTag(node)) {
            return "a value with the YAML tag " + node.getTag().getValue() + " (tags are not allowed)";
        }
        return switch (node) {
            case MappingNode ignored -> "a section of keys";
            case SequenceNode ignored -> "a list";
            case ScalarNode scalar -> isNull(scalar) ? "no value" : "the value " + show(scalar.getValue());
            default -> "an unsupported YAML node";
        };
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
