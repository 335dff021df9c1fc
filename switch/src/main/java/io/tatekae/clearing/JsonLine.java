package io.tatekae.clearing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.function.Function;

/** One line of a JSON Lines file read as a JSON object (a key given twice is refused), for the file parsers. */
public final class JsonLine {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private JsonLine() {
    }

    /** The line's object; otherwise {@code invalid} makes the exception thrown, from the reason. */
    public static <E extends Exception> JsonNode object(String raw, int maxChars, Function<String, E> invalid) throws E {
        if (raw.length() > maxChars) {
            throw invalid.apply("longer than " + maxChars + " characters");
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (IOException e) {
            throw invalid.apply("not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid.apply("not a JSON object");
        }
        return node;
    }
}
