package io.jnetlink.oracles;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HexDiffTest {

    @Test
    void equalArraysPass() {
        assertDoesNotThrow(() -> HexDiff.assertBytes(new byte[]{1, 2, 3, 4, 5}, new byte[]{1, 2, 3, 4, 5}));
    }

    @Test
    void failureShowsFourBytesPerLineAndMarksOnlyDifferingLines() {
        byte[] expected = {0x18, 0, 0, 0, 0x10, 0, 0x05, 0, 1, 2, 3, 4};
        byte[] actual = {0x18, 0, 0, 0, 0x10, 0, 0x01, 0, 1, 2, 3, 4, (byte) 0xAA};
        AssertionError e = assertThrows(AssertionError.class, () -> HexDiff.assertBytes("msg", expected, actual));
        String[] lines = e.getMessage().split("\n");
        assertTrue(lines[0].startsWith("msg: bytes differ: expected 12 bytes, actual 13 bytes, first difference at offset 6"),
                lines[0]);
        assertEquals("0000    18 00 00 00   18 00 00 00", lines[2]);
        assertEquals("0004    10 00 05 00   10 00 01 00  <<<", lines[3]);
        assertEquals("0008    01 02 03 04   01 02 03 04", lines[4]);
        assertEquals("000c" + " ".repeat(18) + "aa" + " ".repeat(11) + "<<<", lines[5]);
        assertEquals(6, lines.length);
    }

    @Test
    void nullIsReportedNotThrownAsNpe() {
        assertThrows(AssertionError.class, () -> HexDiff.assertBytes(new byte[0], null));
    }
}
