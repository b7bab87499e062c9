package io.jnetlink.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void writesValuesInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "v0");
        m.put("index", 3);
        m.put("table", 4294967295L);
        m.put("alias", null);
        m.put("up", true);
        m.put("flags", List.of("UP", "LOWER_UP"));
        m.put("none", List.of());
        assertEquals("{\"name\":\"v0\",\"index\":3,\"table\":4294967295,\"alias\":null,\"up\":true,"
                + "\"flags\":[\"UP\",\"LOWER_UP\"],\"none\":[]}", Json.write(m));
    }

    @Test
    void escapesWhatJsonRequires() throws Exception {
        String nasty = "a\"b\\c\nd\re\tf\u0001g/h é \u2028";
        String written = Json.write(Arrays.asList(nasty, null));
        assertEquals(Arrays.asList(nasty, null), new ObjectMapper().readValue(written, List.class));
        assertEquals("[\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g/h é \u2028\",null]", written);
    }

    @Test
    void nonFiniteNumbersAreNull() {
        assertEquals("[null,null,1.5]", Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, 1.5)));
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
    }
}
