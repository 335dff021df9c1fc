package io.tatekae.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a configuration file into a YAML node tree with limits on size, nesting and aliases.
 * Only {@code compose} is used: no Java object is ever built from the file, and the parser is
 * configured with a {@link SafeConstructor} so nothing could be even if it were.
 */
final class YamlFiles {
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_NESTING = 16;
    private static final int MAX_ALIASES = 16;

    private YamlFiles() {
    }

    /** The root node, or null when the file is empty or unreadable (then a problem was reported). */
    static Node read(Path file, Problems problems) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.inFile("the file is larger than " + MAX_FILE_BYTES + " bytes");
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            problems.inFile("no such file (give another one with --config FILE)");
            return null;
        } catch (IOException unreadable) {
            problems.inFile("cannot read the file: " + unreadable.getClass().getSimpleName());
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            problems.inFile("the file is not valid UTF-8");
            return null;
        }
        return compose(text, problems);
    }

    static Node compose(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            return yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException invalid) {
            // Only the problem and its position: the exception's own message quotes the file's text.
            Mark mark = invalid.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            problems.inFile("not valid YAML" + where + ": " + invalid.getProblem());
            return null;
        } catch (YAMLException invalid) {
            problems.inFile("not valid YAML: " + invalid.getMessage());
            return null;
        }
    }
}
