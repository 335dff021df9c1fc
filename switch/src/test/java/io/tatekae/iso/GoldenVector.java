package io.tatekae.iso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** One golden vector of iso8583-spec/src/main/resources/golden (format: PROFILE.md §Golden vectors). */
record GoldenVector(String name, int mti, String hex, SortedMap<Integer, String> fields) {
    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return name;
    }

    static List<GoldenVector> all() {
        List<GoldenVector> vectors = new ArrayList<>();
        try (InputStream index = open("/golden/index.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    vectors.add(read("/golden/" + line.trim()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return vectors;
    }

    private static GoldenVector read(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            JsonNode node = JSON.readTree(in);
            SortedMap<Integer, String> fields = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.get("fields").properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(Integer.parseInt(e.getKey()), e.getValue().asText());
            }
            return new GoldenVector(node.get("name").asText(), Integer.parseInt(node.get("mti").asText()),
                    node.get("hex").asText(), fields);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = GoldenVector.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the test classpath");
        }
        return in;
    }
}
