package io.jnetlink.core.error;

/**
 * A message or attribute from the kernel (or a test's bytes) does not have the shape its type requires.
 * Subtypes say which rule was broken.
 */
public sealed class DecodeException extends NetlinkException
        permits DecodeException.Truncated, DecodeException.AttributeSize {

    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    /** A length field points past the end of its container, or a header is shorter than its fixed size. */
    public static final class Truncated extends DecodeException {
        private static final long serialVersionUID = 1L;

        public Truncated(String what, int needed, int available) {
            super(what + ": needs " + needed + " bytes, only " + available + " available");
        }
    }

    /** An attribute's payload does not have the size its type demands. */
    public static final class AttributeSize extends DecodeException {
        private static final long serialVersionUID = 1L;
        private final String attribute;
        private final int expected;
        private final int actual;

        public AttributeSize(String attribute, String expected, int expectedBytes, int actual) {
            super(attribute + ": expected " + expected + ", got " + actual + " bytes");
            this.attribute = attribute;
            this.expected = expectedBytes;
            this.actual = actual;
        }

        public String attribute() {
            return attribute;
        }

        /** The expected size in bytes (the minimum, where the type allows more). */
        public int expected() {
            return expected;
        }

        public int actual() {
            return actual;
        }
    }
}
