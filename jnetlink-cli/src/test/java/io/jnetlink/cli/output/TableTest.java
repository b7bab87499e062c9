package io.jnetlink.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableTest {

    @Test
    void alignsColumnsAndPrintsNullAsDash() {
        StringWriter w = new StringWriter();
        new Table("NAME", "MTU", "ALIAS")
                .row("lo", 65536, null)
                .row("veth-long-name", 1500, "x")
                .print(new PrintWriter(w));
        assertEquals("""
                NAME            MTU    ALIAS
                lo              65536  -
                veth-long-name  1500   x
                """, w.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void rowsMustMatchTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
