package io.jnetlink.nftables.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** JSON helpers for the render tests: parsing and zeroing counter values as the text comparison does. */
final class JsonListings {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonListings() {
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** A copy with every counter's packets/bytes set to 0 (values change while the test runs). */
    static JsonNode withoutCounters(JsonNode node) {
        JsonNode copy = node.deepCopy();
        zero(copy);
        return copy;
    }

    private static void zero(JsonNode n) {
        if (n instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("expires")) {
                    e.setValue(com.fasterxml.jackson.databind.node.IntNode.valueOf(0));
                } else if ((e.getKey().equals("counter")) && e.getValue() instanceof ObjectNode c
                        && c.has("packets")) {
                    c.put("packets", 0);
                    c.put("bytes", 0);
                } else {
                    zero(e.getValue());
                }
            }
        } else if (n instanceof ArrayNode a) {
            for (JsonNode x : a) {
                zero(x);
            }
        }
    }
}
